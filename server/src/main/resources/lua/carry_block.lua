-- A visitor connects on a new day: their key changed with the day's secret, but they may have been blocked under the
-- key of an earlier day whose secret is kept for that block. The block then follows them to today's key, with the
-- time it has left (a longer block of today's key stays), and the earlier key remembers where it went so that lifting
-- it lifts both (lift_block.lua). Only a block made with the earlier key is carried, never a copy carried to it: the
-- key it was made with is kept as long, and carries it too, so every copy is recorded with that key. Nor does a copy
-- replace a block today's key has of its own (which a lift of the earlier block would then take away): it follows
-- once that one has ended or been lifted (every start carries again).
--
-- KEYS[1] earlierBlock: the block of the client's key of an earlier day
-- KEYS[2] block: the block of the client's key of today
-- KEYS[3] carried: today's keys the earlier block was carried to
-- ARGV[1] clientKey: today's key
-- ARGV[2] earlierKey: the earlier key
-- Returns 1 when the client was blocked under the earlier key (made with it), else 0.
local left = redis.call('PTTL', KEYS[1])
if left <= 0 then
  return 0
end
local block = redis.call('GET', KEYS[1])
if cjson.decode(block).client ~= ARGV[2] then
  return 0
end
local own = redis.call('GET', KEYS[2])
if own and cjson.decode(own).client == ARGV[1] then
  return 1
end
if redis.call('PTTL', KEYS[2]) < left then
  redis.call('SET', KEYS[2], block, 'PX', left)
end
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('PEXPIRE', KEYS[3], left)
return 1
