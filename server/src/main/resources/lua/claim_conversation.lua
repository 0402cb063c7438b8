-- Gives one waiting conversation to one counsellor, or refuses. Two nodes can never both succeed for the same
-- conversation, and a counsellor's load (the size of their conversation set) never exceeds their capacity.
-- KEYS[1] conversation hash, KEYS[2] queue, KEYS[3] counsellor hash, KEYS[4] counsellor consoles (sorted set of
-- socket id -> expiry ms), KEYS[5] counsellor conversations (set), KEYS[6] active conversations (set)
-- ARGV[1] conversation id, ARGV[2] counsellor id, ARGV[3] conversation channel, ARGV[4] counsellor channel
-- Returns 'ok', 'taken', 'unavailable', 'offline' or 'full'.
if redis.call('HGET', KEYS[1], 'status') ~= 'waiting' or not redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  return 'taken'
end
local counsellor = redis.call('HMGET', KEYS[3], 'status', 'capacity', 'name', 'association')
if counsellor[1] ~= 'available' then
  return 'unavailable'
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
if redis.call('ZCARD', KEYS[4]) == 0 then
  return 'offline'
end
if redis.call('SCARD', KEYS[5]) >= tonumber(counsellor[2] or '0') then
  return 'full'
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[1], 'status', 'active', 'counsellor', ARGV[2], 'counsellorName', counsellor[3],
  'association', counsellor[4], 'assignedAt', now)
redis.call('SADD', KEYS[5], ARGV[1])
redis.call('SADD', KEYS[6], ARGV[1])
local event = cjson.encode({type = 'assigned', conversation = ARGV[1],
  counsellor = {name = counsellor[3], association = counsellor[4]}})
redis.call('PUBLISH', ARGV[3], event)
redis.call('PUBLISH', ARGV[4], event)
return 'ok'
