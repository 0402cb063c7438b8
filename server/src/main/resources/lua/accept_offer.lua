-- A counsellor accepts the chat offered to them: it becomes theirs, the offer's deadline is cancelled and their run
-- of missed offers is reset. The first answer of a chat records how long it waited, for the service level.
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] counsellor: the counsellor's hash
-- KEYS[3] counsellorConversations: the chats the counsellor holds
-- KEYS[4] counsellorOffers: the chats offered to the counsellor
-- KEYS[5] activeConversations
-- KEYS[6] deadlines
-- KEYS[7] deadlineStats
-- KEYS[8] recentAssignments
-- KEYS[9] waits
-- KEYS[10] offeredConversations: the chats offered and not yet accepted
-- ARGV[1] conversationId
-- ARGV[2] counsellorId
-- ARGV[3] conversationChannel
-- ARGV[4] counsellorChannel
-- Returns 'ok' or 'gone' (not offered to this counsellor any more, or their hash lacks the name or association a
-- login writes: then nothing changes, and the offer expires as if unanswered).
local conv = redis.call('HMGET', KEYS[1], 'status', 'offeredTo', 'offerVersion', 'createdAt')
if conv[1] ~= 'offered' or conv[2] ~= ARGV[2] then
  return 'gone'
end
local counsellor = redis.call('HMGET', KEYS[2], 'name', 'association')
if not counsellor[1] or not counsellor[2] then
  return 'gone' -- before any write: the offer's deadline, still set, puts the chat back in the queue
end
local now = nowMillis()
redis.call('HDEL', KEYS[1], 'offeredTo', 'offerExpiresAt')
redis.call('SREM', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[10], ARGV[1])
redis.call('HSET', KEYS[2], 'missed', 0)
settleDeadline(KEYS[6], KEYS[7], offerDeadline(ARGV[1], conv[3]), 'cancelled')
assign({conversation = KEYS[1], held = KEYS[3], active = KEYS[5], recent = KEYS[8], waits = KEYS[9], id = ARGV[1],
  counsellorId = ARGV[2], name = counsellor[1], association = counsellor[2], now = now,
  waited = now - tonumber(conv[4] or now), conversationChannel = ARGV[3], counsellorChannel = ARGV[4]})
return 'ok'
