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
local now = nowMillis()
redis.call('ZREM', KEYS[1], ARGV[1])
local left = liveConsoles(KEYS[1], now)
if left == 0 then
  setDeadline(KEYS[2], KEYS[3], now + tonumber(ARGV[2]), ARGV[3])
end
return left
