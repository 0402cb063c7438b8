-- Ends a conversation once, frees the counsellor's capacity and starts the retention clock on the transcript.
-- KEYS[1] conversation hash, KEYS[2] log, KEYS[3] client ids, KEYS[4] queue, KEYS[5] active conversations,
-- KEYS[6] the owner's conversation set (any key when there is no owner)
-- ARGV[1] conversation id, ARGV[2] ended by ('visitor' | 'counsellor'), ARGV[3] expected owner id (or ''),
-- ARGV[4] ended at (ms), ARGV[5] retention (s), ARGV[6] conversation channel, ARGV[7] owner channel (or ''),
-- ARGV[8] routing channel
-- Returns 'ok', 'missing', 'already' or 'stale' (the owner is not the expected one).
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return 'missing'
end
if status == 'ended' then
  return 'already'
end
local owner = redis.call('HGET', KEYS[1], 'counsellor') or ''
if owner ~= ARGV[3] then
  return 'stale'
end
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('SREM', KEYS[5], ARGV[1])
if owner ~= '' then
  redis.call('SREM', KEYS[6], ARGV[1])
end
redis.call('HSET', KEYS[1], 'status', 'ended', 'endedBy', ARGV[2], 'endedAt', ARGV[4])
for i = 1, 3 do
  redis.call('EXPIRE', KEYS[i], ARGV[5])
end
local event = cjson.encode({type = 'ended', conversation = ARGV[1], by = ARGV[2]})
redis.call('PUBLISH', ARGV[6], event)
if owner ~= '' then
  redis.call('PUBLISH', ARGV[7], event)
  redis.call('PUBLISH', ARGV[8], 'capacity')
end
return 'ok'
