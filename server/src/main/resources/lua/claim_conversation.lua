-- Gives one waiting conversation to one counsellor, or refuses. In 'offer' mode the conversation is offered (it counts
-- against the counsellor's capacity until accepted, declined or expired); in 'direct' mode it is assigned at once.
-- Two nodes can never both succeed for one conversation, and a counsellor's load (held + offered) never exceeds
-- their capacity. In 'pick' mode (the counsellor took it from the waiting list) it is assigned at once even if the
-- counsellor is away: away only stops automatic offers, and breaks her run of offers let expire. The first answer of
-- a chat records how long it waited.
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] queue
-- KEYS[3] counsellor: the counsellor's hash
-- KEYS[4] consoles: the counsellor's console sockets -> lease expiry (ms)
-- KEYS[5] counsellorConversations: the chats the counsellor holds
-- KEYS[6] counsellorOffers: the chats offered to the counsellor
-- KEYS[7] activeConversations
-- KEYS[8] deadlines
-- KEYS[9] deadlineStats
-- KEYS[10] recentAssignments
-- KEYS[11] excluded: the conversation's excluded counsellors
-- KEYS[12] waits
-- KEYS[13] wrapUp: the counsellor's wrap-up marker (automatic claims wait for its end; a pick does not)
-- KEYS[14] offeredConversations: the chats offered and not yet accepted, by arrival (the supervisors' dashboard counts them as waiting)
-- ARGV[1] conversationId
-- ARGV[2] counsellorId
-- ARGV[3] mode: 'offer' | 'direct' | 'pick'
-- ARGV[4] acceptTimeout: ms
-- ARGV[5] conversationChannel
-- ARGV[6] counsellorChannel
-- Returns {'assigned'|'offered', waited ms} or {reason}: 'taken', 'unavailable', 'offline', 'full', 'excluded',
-- 'wrapping_up'.
local conv = redis.call('HMGET', KEYS[1], 'status', 'createdAt')
if conv[1] ~= 'waiting' or not redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  return {'taken'}
end
local counsellor = redis.call('HMGET', KEYS[3], 'status', 'capacity', 'name', 'association')
if counsellor[1] ~= 'available' and ARGV[3] ~= 'pick' then
  return {'unavailable'}
end
if not counsellor[3] or not counsellor[4] then
  -- no name or association: a hash no login wrote. Refused here, before anything changes, since a script that fails
  -- half-way keeps what it did (the chat would be out of the queue and nobody's)
  return {'unavailable'}
end
local now = nowMillis()
if liveConsoles(KEYS[4], now) == 0 then
  return {'offline'}
end
if counsellorLoad(KEYS[5], KEYS[6]) >= tonumber(counsellor[2] or '0') then
  return {'full'}
end
if ARGV[3] ~= 'pick' and redis.call('EXISTS', KEYS[13]) == 1 then
  return {'wrapping_up'}
end
local excludedUntil = redis.call('ZSCORE', KEYS[11], ARGV[2])
if excludedUntil and tonumber(excludedUntil) > now then
  return {'excluded'}
end
local waited = now - tonumber(conv[2] or now)
leaveQueue(KEYS[2], ARGV[1])
redis.call('HSET', KEYS[3], 'lastAssignedAt', now)
if ARGV[3] == 'pick' then
  redis.call('HSET', KEYS[3], 'missed', 0) -- she took a chat herself: the run of offers let expire is broken
elseif ARGV[3] == 'offer' then
  local version = redis.call('HINCRBY', KEYS[1], 'offerVersion', 1)
  local expiresAt = now + tonumber(ARGV[4])
  redis.call('HSET', KEYS[1], 'status', 'offered', 'offeredTo', ARGV[2], 'offerExpiresAt', expiresAt)
  redis.call('SADD', KEYS[6], ARGV[1])
  redis.call('ZADD', KEYS[14], tonumber(conv[2]), ARGV[1])
  setDeadline(KEYS[8], KEYS[9], expiresAt, offerDeadline(ARGV[1], version))
  redis.call('PUBLISH', ARGV[6], cjson.encode({type = 'offer', conversation = ARGV[1], expiresAt = expiresAt}))
  return {'offered', waited}
end
assign({conversation = KEYS[1], held = KEYS[5], active = KEYS[7], recent = KEYS[10], waits = KEYS[12], id = ARGV[1],
  counsellorId = ARGV[2], name = counsellor[3], association = counsellor[4], now = now, waited = waited,
  conversationChannel = ARGV[5], counsellorChannel = ARGV[6]})
return {'assigned', waited}
