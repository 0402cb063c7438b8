-- A counsellor ended a chat as abusive: its client key may not start a chat until the block expires, on any node,
-- and supervisors find the block in the list of blocks until then (the retention sweep unlists it when it ends). The
-- secret of the key's day is kept as long as the block lasts (and no longer than it would have been anyway), and
-- the day is listed among those kept, so that the block can follow the client to the keys of the days after
-- (carry_block.lua). Days no block needs any more leave the list. A day added, or kept longer, is published, so that
-- nodes read the list again (they keep it otherwise). When the secret of the key's day has expired already (25 hours
-- after the first start of that UTC day: a chat started the day before, ended as abusive the next day), no client has
-- that key any more and none can be matched to it: nothing is blocked.
--
-- KEYS[1] block: the key's block
-- KEYS[2] blocks: every block, client key -> the block as JSON (when, until, by whom, which chat)
-- KEYS[3] daySecret: the secret of the key's day
-- KEYS[4] keptDays: day -> until (ms) of the longest block made with that day's keys
-- KEYS[5] blockEnds: client key -> until (ms) of its listed block
-- ARGV[1] clientKey
-- ARGV[2] block: the block as JSON
-- ARGV[3] seconds: how long it lasts
-- ARGV[4] day: the key's day (yyyy-mm-dd)
-- ARGV[5] until: ms, when the block ends
-- ARGV[6] now: ms
-- ARGV[7] keptDaysChannel: where a change of keptDays is told
-- Returns 1 when blocked, 0 when the day's secret is gone.
if redis.call('EXISTS', KEYS[3]) == 0 then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[5], ARGV[5], ARGV[1])
local seconds = tonumber(ARGV[3])
if redis.call('TTL', KEYS[3]) >= 0 and redis.call('TTL', KEYS[3]) < seconds then
  redis.call('EXPIRE', KEYS[3], seconds)
end
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', ARGV[6])
if redis.call('ZADD', KEYS[4], 'GT', 'CH', ARGV[5], ARGV[4]) > 0 then
  redis.call('PUBLISH', ARGV[7], ARGV[4])
end
return 1
