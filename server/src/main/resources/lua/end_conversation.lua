-- Ends a conversation once, frees the capacity of whoever held or was offered it, cancels a pending offer's deadline,
-- and starts the retention clock on the transcript.
-- KEYS[1] conversation hash, KEYS[2] log, KEYS[3] client ids, KEYS[4] queue, KEYS[5] active conversations,
-- KEYS[6] the holder's conversations, KEYS[7] the holder's offers (any keys when nobody holds it), KEYS[8] deadlines,
-- KEYS[9] deadline stats, KEYS[10] notes, KEYS[11] the day's ending counts (kept 400 days), KEYS[12] waits (an
-- unanswered chat records how long it waited, for the service level)
-- ARGV[1] conversation id, ARGV[2] ended by ('visitor' | 'counsellor'), ARGV[3] expected holder id (or ''),
-- ARGV[4] ended at (ms), ARGV[5] retention (s), ARGV[6] conversation channel, ARGV[7] holder channel (or ''),
-- ARGV[8] routing channel
-- Returns 'ok:<outcome>', 'missing', 'already' or 'stale' (the holder is not the expected one). The outcome is
-- 'answered' (a counsellor had it), 'redirected' (the visitor took a hotline shown to them), 'left_after_alternative'
-- (hotlines had been shown) or 'left_without_alternative'.
local conv = redis.call('HMGET', KEYS[1], 'status', 'counsellor', 'offeredTo', 'offerVersion', 'assignedAt',
  'redirectedAt', 'alternativesAt', 'createdAt')
local status = conv[1]
if not status then
  return 'missing'
end
if status == 'ended' then
  return 'already'
end
local holder = ''
if status == 'active' then
  holder = conv[2] or ''
elseif status == 'offered' then
  holder = conv[3] or ''
end
if holder ~= ARGV[3] then
  return 'stale'
end
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('SREM', KEYS[5], ARGV[1])
if holder ~= '' then
  redis.call('SREM', KEYS[6], ARGV[1])
  redis.call('SREM', KEYS[7], ARGV[1])
end
if status == 'offered' and redis.call('ZREM', KEYS[8], 'offer|' .. ARGV[1] .. '|' .. conv[4]) == 1 then
  redis.call('HINCRBY', KEYS[9], 'cancelled', 1)
end
local outcome = 'left_without_alternative'
if conv[5] then
  outcome = 'answered'
elseif conv[6] then
  outcome = 'redirected'
elseif conv[7] then
  outcome = 'left_after_alternative'
end
redis.call('HSET', KEYS[1], 'status', 'ended', 'endedBy', ARGV[2], 'endedAt', ARGV[4], 'outcome', outcome)
redis.call('HINCRBY', KEYS[11], outcome, 1)
redis.call('EXPIRE', KEYS[11], 34560000)
if outcome ~= 'answered' then
  local endedAt = tonumber(ARGV[4])
  redis.call('ZADD', KEYS[12], endedAt, ARGV[1] .. '|' .. (endedAt - tonumber(conv[8] or endedAt)) .. '|u')
  redis.call('ZREMRANGEBYSCORE', KEYS[12], '-inf', endedAt - 90000000)
end
for _, i in ipairs({1, 2, 3, 10}) do
  redis.call('EXPIRE', KEYS[i], ARGV[5])
end
local event = cjson.encode({type = 'ended', conversation = ARGV[1], by = ARGV[2]})
redis.call('PUBLISH', ARGV[6], event)
if holder ~= '' then
  redis.call('PUBLISH', ARGV[7], event)
  redis.call('PUBLISH', ARGV[8], 'capacity')
end
return 'ok:' .. outcome
