-- The client key's danger deadline fired: a chat of the key said "in danger now" while another of its chats held the
-- priority, and was grouped under it. When no chat given the priority waits any more (answered, ended or erased), the
-- grouped chat that claimed first and still waits is raised now, with an alert of its own: a second person in danger
-- behind a shelter's shared address does not keep a normal place. Still one waiting chat of a key given the priority
-- at a time. The deadline is set again (and the key's lists kept) while a grouped chat still waits.
--
-- KEYS[1] deadlines
-- KEYS[2] deadlineStats
-- KEYS[3] dangerChats: chats of the key that claimed the danger priority (id -> ms)
-- KEYS[4] dangerCounts: id of a chat given the priority -> claims grouped under it (itself included)
-- KEYS[5] queue
-- KEYS[6] alertLog: the supervisors' alert log
-- ARGV[1] deadline: this deadline's member (danger|<client key>)
-- ARGV[2] conversationKeyPrefix
-- ARGV[3] window: seconds the key's two lists are kept after the last claim or look
-- ARGV[4] recheck: ms until the next look
-- ARGV[5] dangerHeadStart: ms
-- ARGV[6] supervisorsChannel
-- ARGV[7] routingChannel
-- ARGV[8] conversationChannelPrefix
-- Returns 'gone' (fired by another node), 'none' (no grouped chat waits), 'held' (a chat given the priority still
-- waits) or 'promoted'.
if not settleDeadline(KEYS[1], KEYS[2], ARGV[1], 'fired') then
  return 'gone'
end
local now = nowMillis()
local holder = dangerHolder(KEYS[3], KEYS[4], ARGV[2])
if holder.next == nil then
  return 'none'
end
local function again()
  setDeadline(KEYS[1], KEYS[2], now + tonumber(ARGV[4]), ARGV[1])
  redis.call('EXPIRE', KEYS[3], ARGV[3])
  redis.call('EXPIRE', KEYS[4], ARGV[3])
end
if holder.id ~= nil then
  again()
  return 'held'
end
redis.call('HSETNX', KEYS[4], holder.next, 1)
redis.call('EXPIRE', KEYS[4], ARGV[3])
if holder.awayHolder then
  -- in its turn because the chat that held it was left, not answered: that chat's alert counted this one when it was
  -- grouped; raised without a new alert (told now), or leaving in turn would make alerts at will
  redis.call('HSET', hashTagged(ARGV[2], holder.next), 'dangerAt', now)
end
raiseDanger({conversation = hashTagged(ARGV[2], holder.next), queue = KEYS[5], alertLog = KEYS[6], id = holder.next, headStart = ARGV[5],
  supervisorsChannel = ARGV[6], routingChannel = ARGV[7], now = now, conversationChannel = ARGV[8] .. holder.next,
  inTurn = true})
if holder.more then
  again()
end
return 'promoted'
