-- One console closed. When it was the counsellor's last, their presence deadline is brought forward to now + grace:
-- a reload comes back in time, a counsellor who left gives their chats back when it fires.
--
-- KEYS[1] consoles: the counsellor's console sockets -> lease expiry (ms)
-- KEYS[2] deadlines
-- KEYS[3] deadlineStats
-- ARGV[1] socketId
-- ARGV[2] grace: ms
-- ARGV[3] presenceDeadline: the counsellor's presence deadline member
-- Returns the number of live consoles left.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local left = redis.call('ZCARD', KEYS[1])
if left == 0 then
  if redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[3]) == 1 then
    redis.call('HINCRBY', KEYS[3], 'created', 1)
  end
end
return left
