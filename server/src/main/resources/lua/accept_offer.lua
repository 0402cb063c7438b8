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
-- ARGV[1] conversationId
-- ARGV[2] counsellorId
-- ARGV[3] conversationChannel
-- ARGV[4] counsellorChannel
-- Returns 'ok' or 'gone' (not offered to this counsellor any more).
local conv = redis.call('HMGET', KEYS[1], 'status', 'offeredTo', 'offerVersion', 'createdAt')
if conv[1] ~= 'offered' or conv[2] ~= ARGV[2] then
  return 'gone'
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local counsellor = redis.call('HMGET', KEYS[2], 'name', 'association')
redis.call('HSET', KEYS[1], 'status', 'active', 'counsellor', ARGV[2], 'counsellorName', counsellor[1],
  'association', counsellor[2], 'assignedAt', now)
redis.call('HDEL', KEYS[1], 'offeredTo', 'offerExpiresAt')
redis.call('SREM', KEYS[4], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('SADD', KEYS[5], ARGV[1])
redis.call('HSET', KEYS[2], 'missed', 0)
if redis.call('ZREM', KEYS[6], 'offer|' .. ARGV[1] .. '|' .. conv[3]) == 1 then
  redis.call('HINCRBY', KEYS[7], 'cancelled', 1)
end
redis.call('ZADD', KEYS[8], now, ARGV[1] .. '|' .. now)
if redis.call('HSETNX', KEYS[1], 'answeredAt', now) == 1 then
  redis.call('ZADD', KEYS[9], now, ARGV[1] .. '|' .. (now - tonumber(conv[4] or now)) .. '|a')
  redis.call('ZREMRANGEBYSCORE', KEYS[9], '-inf', now - 90000000)
end
local event = cjson.encode({type = 'assigned', conversation = ARGV[1],
  counsellor = {name = counsellor[1], association = counsellor[2]}})
redis.call('PUBLISH', ARGV[3], event)
redis.call('PUBLISH', ARGV[4], event)
return 'ok'
