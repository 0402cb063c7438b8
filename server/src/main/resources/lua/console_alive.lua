-- Marks one console socket of a counsellor as alive until now + lease (Redis time, so nodes' clocks do not matter),
-- forgets consoles whose lease ran out, and moves the counsellor's presence deadline to the latest lease end: if no
-- console renews it, any live node fires it and the counsellor's chats go back to the queue.
--
-- KEYS[1] consoles: the counsellor's console sockets -> lease expiry (ms)
-- KEYS[2] deadlines
-- KEYS[3] deadlineStats
-- ARGV[1] socketId
-- ARGV[2] lease: ms
-- ARGV[3] routingChannel
-- ARGV[4] presenceDeadline: the counsellor's presence deadline member
-- Returns the number of live consoles.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local fresh = redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
if redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[4]) == 1 then
  redis.call('HINCRBY', KEYS[3], 'created', 1)
end
if fresh == 1 then
  redis.call('PUBLISH', ARGV[3], 'console')
end
return redis.call('ZCARD', KEYS[1])
