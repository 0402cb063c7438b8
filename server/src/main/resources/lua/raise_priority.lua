-- The visitor says they are in danger now: the conversation gets the danger class (its score moves up to what it
-- would have had, arriving in danger) and supervisors are alerted at once.
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] queue
-- ARGV[1] conversationId
-- ARGV[2] dangerHeadStart: ms
-- ARGV[3] supervisorsChannel
-- ARGV[4] routingChannel
-- ARGV[5] now: ms
-- ARGV[6] conversationChannel: the counsellor, if any, sees the danger at once
-- Returns the conversation's status, or 'missing'.
local conv = redis.call('HMGET', KEYS[1], 'status', 'createdAt', 'score', 'association', 'danger')
if not conv[1] then
  return 'missing'
end
if conv[1] == 'ended' then
  return 'ended'
end
local raised = tonumber(conv[2]) - tonumber(ARGV[2])
if raised < tonumber(conv[3]) then
  redis.call('HSET', KEYS[1], 'score', raised)
  if conv[1] == 'waiting' then
    enterQueue(KEYS[2], raised, ARGV[1], 'XX')
  end
end
redis.call('HSET', KEYS[1], 'danger', 1, 'dangerAt', ARGV[5])
redis.call('PUBLISH', ARGV[3], cjson.encode({type = 'alert', kind = 'danger', conversation = ARGV[1],
  status = conv[1], association = conv[4] or '', at = tonumber(ARGV[5])}))
redis.call('PUBLISH', ARGV[4], 'danger')
redis.call('PUBLISH', ARGV[6], cjson.encode({type = 'danger', conversation = ARGV[1], at = tonumber(ARGV[5])}))
return conv[1]
