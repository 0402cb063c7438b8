-- The client key's danger deadline fired: a chat of the key said "in danger now" while another of its chats held the
-- priority, and was grouped under it. The first of the key's claimed chats still waiting (by the time it claimed) is
-- the one with the priority: when the chat that held it was answered, ended or erased, the next one is raised now,
-- with an alert of its own (a second person in danger behind a shelter's shared address does not keep a normal
-- place). Still one waiting chat of a key at a time: the deadline is set again while a claimed chat waits behind the
-- first, or the first is not created yet.
--
-- KEYS[1] deadlines
-- KEYS[2] deadlineStats
-- KEYS[3] dangerChats: chats of the key that claimed the danger priority (id -> ms)
-- KEYS[4] dangerCounts: id of a chat holding the priority -> claims grouped under it (itself included)
-- KEYS[5] queue
-- ARGV[1] deadline: this deadline's member (danger|<client key>)
-- ARGV[2] conversationKeyPrefix
-- ARGV[3] now: ms, the clock the claims were written with
-- ARGV[4] pending: ms during which a claimed chat that does not exist yet still counts as waiting
-- ARGV[5] recheck: ms until the next look
-- ARGV[6] dangerHeadStart: ms
-- ARGV[7] supervisorsChannel
-- ARGV[8] routingChannel
-- ARGV[9] conversationChannelPrefix
-- Returns {'gone'} (fired by another node), {'none'} (no claimed chat waits), {'held', id} (the first waiting has
-- the priority already, or is not created yet) or {'promoted', id}.
if not settleDeadline(KEYS[1], KEYS[2], ARGV[1], 'fired') then
  return {'gone'}
end
local now = tonumber(ARGV[3])
local first, behind = nil, false
local claims = redis.call('ZRANGE', KEYS[3], 0, -1, 'WITHSCORES')
for i = 1, #claims, 2 do
  local id = claims[i]
  if waitsInDanger(ARGV[2], id, tonumber(claims[i + 1]), now, tonumber(ARGV[4])) then
    if first then
      behind = true
      break
    end
    first = id
  else
    redis.call('ZREM', KEYS[3], id)
    redis.call('HDEL', KEYS[4], id)
  end
end
if not first then
  return {'none'}
end
local conversation = hashTagged(ARGV[2], first)
local danger = redis.call('HGET', conversation, 'danger')
if behind or not danger then
  setDeadline(KEYS[1], KEYS[2], nowMillis() + tonumber(ARGV[5]), ARGV[1])
end
if danger ~= '0' then
  return {'held', first}
end
redis.call('HSETNX', KEYS[4], first, 1)
raiseDanger({conversation = conversation, queue = KEYS[5], id = first, headStart = ARGV[6],
  supervisorsChannel = ARGV[7], routingChannel = ARGV[8], now = ARGV[3], conversationChannel = ARGV[9] .. first})
return {'promoted', first}
