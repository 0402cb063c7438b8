-- The visitor's socket that holds the presence left (quick exit, or the connection closed): the visitor is away, the
-- counsellor is told, and the conversation is held until the hold deadline, which a return cancels. A waiting chat
-- leaves the queue meanwhile (keeping its score): it counts in nobody's position and is offered to nobody. A socket that no
-- longer holds the presence (another one attached since, e.g. a reload) changes nothing.
-- A quick exit also retires the resume secret, whichever socket sends it and whatever the chat's state: the page clears
-- it from session storage, but the browser may have written it to its disk already, and it must open nothing there
-- (she comes back with the resume code, which gives the chat a new secret).
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] deadlines
-- KEYS[3] deadlineStats
-- KEYS[4] sockets: the visitor's sockets attached to the conversation (this one leaves it)
-- KEYS[5] queue
-- KEYS[6] nodeVisitors: the presences held by sockets of this socket's node ('<conversation id>|<socket id>')
-- ARGV[1] conversationId
-- ARGV[2] socketId
-- ARGV[3] reason: 'quick_exit' | 'connection_lost'
-- ARGV[4] now: ms
-- ARGV[5] hold: ms
-- ARGV[6] conversationChannel
-- Returns 'away', 'ended' or 'not_present'.
redis.call('ZREM', KEYS[4], ARGV[2])
redis.call('SREM', KEYS[6], ARGV[1] .. '|' .. ARGV[2])
local conv = redis.call('HMGET', KEYS[1], 'status', 'visitorSocket')
if conv[1] and ARGV[3] == 'quick_exit' then
  redis.call('HDEL', KEYS[1], 'secret')
end
if not conv[1] or conv[1] == 'ended' then
  return 'ended'
end
if conv[2] ~= ARGV[2] then
  return 'not_present'
end
visitorLeft({conversation = KEYS[1], deadlines = KEYS[2], deadlineStats = KEYS[3], queue = KEYS[5], id = ARGV[1],
  status = conv[1], reason = ARGV[3], now = ARGV[4], hold = ARGV[5], conversationChannel = ARGV[6]})
return 'away'
