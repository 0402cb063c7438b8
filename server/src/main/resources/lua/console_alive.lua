-- Marks one console socket of a counsellor as alive until now + ttl (Redis time, so nodes' clocks do not matter)
-- and forgets the consoles whose lease ran out (their node died).
-- KEYS[1] counsellor consoles (sorted set socket id -> expiry ms)
-- ARGV[1] socket id, ARGV[2] ttl (ms), ARGV[3] routing channel
-- Returns the number of live consoles.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local fresh = redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
if fresh == 1 then
  redis.call('PUBLISH', ARGV[3], 'console')
end
return redis.call('ZCARD', KEYS[1])
