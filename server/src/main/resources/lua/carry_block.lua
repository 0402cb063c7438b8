-- A visitor connects on a new day: their key changed with the day's secret, but they may have been blocked under the
-- key of an earlier day whose secret is kept for that block. The block then follows them to today's key, with the
-- time it has left (a longer block of today's key stays), and the earlier key remembers where it went so that lifting
-- it lifts both.
--
-- KEYS[1] earlierBlock: the block of the client's key of an earlier day
-- KEYS[2] block: the block of the client's key of today
-- KEYS[3] carried: today's keys the earlier block was carried to
-- ARGV[1] clientKey: today's key
-- Returns 1 when the client was blocked under the earlier key, else 0.
local left = redis.call('PTTL', KEYS[1])
if left <= 0 then
  return 0
end
if redis.call('PTTL', KEYS[2]) < left then
  redis.call('SET', KEYS[2], redis.call('GET', KEYS[1]), 'PX', left)
end
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('PEXPIRE', KEYS[3], left)
return 1
