-- The visitor's socket that holds the presence left (quick exit, or the connection closed): the visitor is away, the
-- counsellor is told, and the conversation is held until the hold deadline, which a return cancels. A waiting chat
-- leaves the queue meanwhile (keeping its score): it counts in nobody's position and is offered to nobody. A socket that no
-- longer holds the presence (another one attached since, e.g. a reload) changes nothing.
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] deadlines
-- KEYS[3] deadlineStats
-- KEYS[4] sockets: the visitor's sockets attached to the conversation (this one leaves it)
-- KEYS[5] queue
-- ARGV[1] conversationId
-- ARGV[2] socketId
-- ARGV[3] reason: 'quick_exit' | 'connection_lost'
-- ARGV[4] now: ms
-- ARGV[5] hold: ms
-- ARGV[6] holdDeadline: the hold deadline member
-- ARGV[7] conversationChannel
-- Returns 'away', 'ended' or 'not_present'.
redis.call('ZREM', KEYS[4], ARGV[2])
local conv = redis.call('HMGET', KEYS[1], 'status', 'visitorSocket')
if not conv[1] or conv[1] == 'ended' then
  return 'ended'
end
if conv[2] ~= ARGV[2] then
  return 'not_present'
end
redis.call('HDEL', KEYS[1], 'visitorSocket')
redis.call('HSET', KEYS[1], 'visitorAway', ARGV[3], 'visitorAwaySince', ARGV[4])
if conv[1] == 'waiting' then
  leaveQueue(KEYS[5], ARGV[1])
end
setDeadline(KEYS[2], KEYS[3], tonumber(ARGV[4]) + tonumber(ARGV[5]), ARGV[6])
redis.call('PUBLISH', ARGV[7], cjson.encode({type = 'visitor_presence', conversation = ARGV[1], present = false,
  reason = ARGV[3], at = tonumber(ARGV[4])}))
return 'away'
