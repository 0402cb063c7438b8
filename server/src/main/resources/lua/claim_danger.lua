-- A waiting chat of a client key asks for the danger priority (it started "in danger now", or its visitor pressed
-- it): it gets it unless another chat of the same key, which claimed before it, still waits. The key's claimed chats
-- are kept by the time they asked, those grouped too; those no longer waiting leave (one not created yet counts for a
-- short while). A refused claim is counted under the first waiting chat, so supervisors see one alert with a count,
-- and the chat itself remembers it was said (dangerSaid, for the statistics) if it exists already (a button pressed;
-- a start creates it with the flag). While a grouped chat waits, the key's danger deadline looks again every few
-- seconds (promote_danger.lua): when the first is answered or ends, the next is raised. When the first waiting chat
-- is itself a grouped one whose holder left, the deadline is due at once.
--
-- KEYS[1] dangerChats: chats of the key that claimed the danger priority (id -> ms)
-- KEYS[2] dangerCounts: id of a chat holding the priority -> claims grouped under it (itself included)
-- KEYS[3] deadlines
-- KEYS[4] deadlineStats
-- ARGV[1] conversationId
-- ARGV[2] conversationKeyPrefix
-- ARGV[3] now: ms
-- ARGV[4] pending: ms during which a claimed chat that does not exist yet still counts as waiting
-- ARGV[5] window: seconds the two keys are kept after the last claim
-- ARGV[6] deadline: the key's danger deadline (danger|<client key>)
-- ARGV[7] recheck: ms between two looks at the grouped chats
-- Returns {'granted'}, or {'grouped', holder id, count}.
local now = tonumber(ARGV[3])
local pending = tonumber(ARGV[4])
if not waitsInDanger(ARGV[2], ARGV[1], now, now, pending) then
  return {'granted'}
end
local holder = nil
local claims = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #claims, 2 do
  local id = claims[i]
  if waitsInDanger(ARGV[2], id, tonumber(claims[i + 1]), now, pending) then
    holder = holder or id
  else
    redis.call('ZREM', KEYS[1], id)
    redis.call('HDEL', KEYS[2], id)
  end
end
redis.call('ZADD', KEYS[1], 'NX', ARGV[3], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('EXPIRE', KEYS[2], ARGV[5])
if holder == nil or holder == ARGV[1] then
  redis.call('HSETNX', KEYS[2], ARGV[1], 1)
  return {'granted'}
end
local claimed = hashTagged(ARGV[2], ARGV[1])
if redis.call('EXISTS', claimed) == 1 then
  redis.call('HSET', claimed, 'dangerSaid', 1)
end
local due = nowMillis()
if redis.call('HGET', hashTagged(ARGV[2], holder), 'danger') ~= '0' then
  due = due + tonumber(ARGV[7]) -- the holder has the priority (or is not created yet): look again later
end
local set = redis.call('ZSCORE', KEYS[3], ARGV[6])
if not set or tonumber(set) > due then
  setDeadline(KEYS[3], KEYS[4], due, ARGV[6])
end
return {'grouped', holder, redis.call('HINCRBY', KEYS[2], holder, 1)}
