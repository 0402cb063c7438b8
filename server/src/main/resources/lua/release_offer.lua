-- An offer ends without an accept: declined by the counsellor, or expired (its deadline fired). The chat goes back to
-- the queue with its original score (its age), the counsellor is not offered it again for a cool-down, and a
-- counsellor who lets too many offers expire in a row (a decline, as an accept, breaks the run) is set away and told.
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] queue
-- KEYS[3] counsellor: the counsellor's hash
-- KEYS[4] counsellorOffers: the chats offered to the counsellor
-- KEYS[5] availableCounsellors
-- KEYS[6] deadlines
-- KEYS[7] deadlineStats
-- KEYS[8] excluded: the conversation's excluded counsellors
-- KEYS[9] offeredConversations: the chats offered and not yet accepted
-- ARGV[1] conversationId
-- ARGV[2] counsellorId
-- ARGV[3] reason: 'declined' | 'expired'
-- ARGV[4] offerVersion: for 'expired', the version in the fired deadline
-- ARGV[5] cooldown: ms
-- ARGV[6] missedAllowed: missed offers allowed in a row
-- ARGV[7] counsellorChannel
-- ARGV[8] routingChannel: told 'requeued|<counsellor id>'
-- Returns {'ok', 0|1 (1 when the counsellor was set away)} or {'gone'} / {'already'}.
local member = offerDeadline(ARGV[1], ARGV[4])
if ARGV[3] == 'expired' and not settleDeadline(KEYS[6], KEYS[7], member, 'fired') then
  return {'already'}
end
local conv = redis.call('HMGET', KEYS[1], 'status', 'offeredTo', 'offerVersion', 'score')
if conv[1] ~= 'offered' or conv[2] ~= ARGV[2] or conv[3] ~= ARGV[4] then
  return {'gone'}
end
if ARGV[3] == 'declined' then
  settleDeadline(KEYS[6], KEYS[7], member, 'cancelled')
  redis.call('HSET', KEYS[3], 'missed', 0) -- she answered: the run of offers let expire is broken
end
local now = nowMillis()
requeue(KEYS[1], KEYS[2], ARGV[1], conv[4])
redis.call('SREM', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[9], ARGV[1])
redis.call('ZADD', KEYS[8], now + tonumber(ARGV[5]), ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[8], '-inf', now)
redis.call('PEXPIRE', KEYS[8], tonumber(ARGV[5]) + 1000)
local setAway = 0
if ARGV[3] == 'expired' then
  local missed = redis.call('HINCRBY', KEYS[3], 'missed', 1)
  if missed >= tonumber(ARGV[6]) then
    redis.call('HSET', KEYS[3], 'status', 'away', 'missed', 0)
    redis.call('SREM', KEYS[5], ARGV[2])
    setAway = 1
  end
end
redis.call('PUBLISH', ARGV[7], cjson.encode({type = 'offer_withdrawn', conversation = ARGV[1], reason = ARGV[3]}))
if setAway == 1 then
  redis.call('PUBLISH', ARGV[7], cjson.encode({type = 'status', status = 'away', reason = 'missed_offers',
    awayReason = redis.call('HGET', KEYS[3], 'awayReason') or cjson.null}))
end
redis.call('PUBLISH', ARGV[8], 'requeued|' .. ARGV[2])
return {'ok', setAway}
