-- A waiting chat of a client key asks for the danger priority (it started "in danger now", or its visitor pressed
-- it): it gets it unless another chat of the same key that was given it still waits. The key's claimed chats are kept
-- by the time they asked (Redis time), the grouped ones too; a chat given the priority has an entry in dangerCounts.
-- Those no longer waiting leave (one not created yet counts for a short while). A refused claim is counted under the
-- chat that holds the priority, so supervisors see one alert with a count, and the chat itself remembers it was said
-- (dangerSaid, for the statistics) if it exists already (a button pressed; a start creates it with the flag). A
-- grouped claim sets the key's danger deadline (promote_danger.lua), which raises the grouped chats in their turn.
--
-- KEYS[1] dangerChats: chats of the key that claimed the danger priority (id -> ms)
-- KEYS[2] dangerCounts: id of a chat given the priority -> claims grouped under it (itself included)
-- KEYS[3] deadlines
-- KEYS[4] deadlineStats
-- ARGV[1] conversationId
-- ARGV[2] conversationKeyPrefix
-- ARGV[3] pending: ms during which a claimed chat that does not exist yet still counts as waiting
-- ARGV[4] window: seconds the two keys are kept after the last claim or look
-- ARGV[5] deadline: the key's danger deadline (danger|<client key>)
-- ARGV[6] recheck: ms between two looks at the grouped chats
-- Returns {'granted'}, or {'grouped', holder id, count}.
local now = nowMillis()
local pending = tonumber(ARGV[3])
if not waitsInDanger(ARGV[2], ARGV[1], now, now, pending) then
  return {'granted'}
end
local holder = dangerHolder(KEYS[1], KEYS[2], ARGV[2], now, pending)
redis.call('ZADD', KEYS[1], 'NX', now, ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
if holder.id == nil or holder.id == ARGV[1] then
  redis.call('HSETNX', KEYS[2], ARGV[1], 1)
  return {'granted'}
end
local claimed = hashTagged(ARGV[2], ARGV[1])
if redis.call('EXISTS', claimed) == 1 then
  redis.call('HSET', claimed, 'dangerSaid', 1)
end
if not redis.call('ZSCORE', KEYS[3], ARGV[5]) then
  setDeadline(KEYS[3], KEYS[4], now + tonumber(ARGV[6]), ARGV[5])
end
return {'grouped', holder.id, redis.call('HINCRBY', KEYS[2], holder.id, 1)}
