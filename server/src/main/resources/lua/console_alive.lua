-- Marks one console socket of a counsellor as alive until now + lease (Redis time, so nodes' clocks do not matter),
-- forgets consoles whose lease ran out, and moves the counsellor's presence deadline to the latest lease end: if no
-- console renews it, any live node fires it and the counsellor's chats go back to the queue. A console that had no live
-- lease puts her among the counsellors online (those the transfer picker reads, away ones too): she leaves them when
-- her presence deadline finds no console of hers live (counsellor_gone.lua).
--
-- KEYS[1] consoles: the counsellor's console sockets -> lease expiry (ms)
-- KEYS[2] deadlines
-- KEYS[3] deadlineStats
-- KEYS[4] onlineCounsellors: the counsellors who may have a live console (each read checks her leases)
-- ARGV[1] socketId
-- ARGV[2] lease: ms
-- ARGV[3] routingChannel: told 'console|<counsellor id>' when a console comes
-- ARGV[4] presenceDeadline: the counsellor's presence deadline member
-- ARGV[5] counsellorId
-- Returns 1 when this socket had no live lease (a new console, or one whose lease lapsed: its node could not renew
-- it in time), else 0.
local now = nowMillis()
liveConsoles(KEYS[1], now)
local fresh = redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
setDeadline(KEYS[2], KEYS[3], now + tonumber(ARGV[2]), ARGV[4])
if fresh == 1 then
  redis.call('SADD', KEYS[4], ARGV[5])
  redis.call('PUBLISH', ARGV[3], 'console|' .. ARGV[5])
end
return fresh
