-- A waiting chat of a client key asks for the danger priority (it started "in danger now", or its visitor pressed
-- it): it gets it unless another chat of the same key already waits with it. The chats given it are kept by the time
-- they asked; those no longer waiting leave (one not created yet counts for a short while). A refused claim is
-- counted under the chat that holds the priority, so supervisors see one alert with a count, and the chat itself
-- remembers it was said (dangerSaid, for the statistics) if it exists already (a button pressed; a start creates it
-- with the flag).
--
-- KEYS[1] dangerChats: chats of the key given the danger priority (id -> ms)
-- KEYS[2] dangerCounts: id of a chat holding the priority -> claims grouped under it (itself included)
-- ARGV[1] conversationId
-- ARGV[2] conversationKeyPrefix
-- ARGV[3] now: ms
-- ARGV[4] pending: ms during which a claimed chat that does not exist yet still counts as waiting
-- ARGV[5] window: seconds the two keys are kept after the last claim
-- Returns {'granted'}, or {'grouped', holder id, count}.
local function waiting(id, claimedAt)
  local status = redis.call('HGET', hashTagged(ARGV[2], id), 'status')
  if status then
    return status == 'waiting' or status == 'offered'
  end
  return claimedAt > tonumber(ARGV[3]) - tonumber(ARGV[4])
end
if not waiting(ARGV[1], tonumber(ARGV[3])) then
  return {'granted'}
end
local holder = nil
local claims = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #claims, 2 do
  local id = claims[i]
  if waiting(id, tonumber(claims[i + 1])) then
    holder = holder or id
  else
    redis.call('ZREM', KEYS[1], id)
    redis.call('HDEL', KEYS[2], id)
  end
end
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('EXPIRE', KEYS[2], ARGV[5])
if holder == nil or holder == ARGV[1] then
  redis.call('ZADD', KEYS[1], 'NX', ARGV[3], ARGV[1])
  redis.call('HSETNX', KEYS[2], ARGV[1], 1)
  return {'granted'}
end
local claimed = hashTagged(ARGV[2], ARGV[1])
if redis.call('EXISTS', claimed) == 1 then
  redis.call('HSET', claimed, 'dangerSaid', 1)
end
return {'grouped', holder, redis.call('HINCRBY', KEYS[2], holder, 1)}
