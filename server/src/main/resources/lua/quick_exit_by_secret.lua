-- A quick exit told by the page over HTTP (POST /api/visitor/quick-exit), for when its socket may not carry the
-- `away` frame: it was reconnecting, or it had dropped without either side knowing yet. With the conversation's
-- secret, whatever the chat's state, the secret is retired, as visitor_away.lua does for a quick exit: the browser may
-- have written it to its disk. An open chat's visitor is away with the reason quick_exit: a socket still holding her
-- presence is taken to be her page's own, dropped without its node knowing (told of the departure, the node closes
-- it rather than take the presence back, VisitorPresence.toldAway; so it does another tab of hers); if she was already
-- away after a lost connection, the reason becomes quick_exit (the hold keeps its deadline) and the counsellor is told.
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] deadlines
-- KEYS[3] deadlineStats
-- KEYS[4] queue
-- ARGV[1] conversationId
-- ARGV[2] secretDigest: the SHA-256 of the secret the page sent
-- ARGV[3] now: ms
-- ARGV[4] hold: ms
-- ARGV[5] conversationChannel
-- Returns 'away', 'ended' or 'not_found' (no such conversation, or not its secret).
local conv = redis.call('HMGET', KEYS[1], 'status', 'secret', 'visitorSocket', 'visitorAway', 'visitorAwaySince')
if not conv[1] or conv[2] ~= ARGV[2] then
  return 'not_found'
end
redis.call('HDEL', KEYS[1], 'secret')
if conv[1] == 'ended' then
  return 'ended'
end
if conv[4] == 'quick_exit' then
  return 'away'
end
if conv[4] and not conv[3] then
  redis.call('HSET', KEYS[1], 'visitorAway', 'quick_exit')
  redis.call('PUBLISH', ARGV[5], cjson.encode({type = 'visitor_presence', conversation = ARGV[1], present = false,
    reason = 'quick_exit', at = tonumber(conv[5] or ARGV[3])}))
  return 'away'
end
visitorLeft({conversation = KEYS[1], deadlines = KEYS[2], deadlineStats = KEYS[3], queue = KEYS[4], id = ARGV[1],
  status = conv[1], reason = 'quick_exit', now = ARGV[3], hold = ARGV[4], conversationChannel = ARGV[5]})
return 'away'
