-- A counsellor's presence deadline fired. If a console is still live (a renewal raced the deadline) the deadline is
-- set again; otherwise the counsellor is set away (their consoles told so) and every chat they held or were offered
-- goes back to the queue with its original score, the visitor of a chat they held told that a new counsellor is being
-- found (and their consoles told each chat is released, offers included). Nobody is left with an offline counsellor.
-- Only a counsellor who was available is set away for the lost connection (awayBy, and a 'status' saying so, its
-- chats released as 'offline'): one who had set herself away (a break) keeps her own away and its reason, and her
-- consoles are told only that her chats went back to the queue ('requeued'), not that the service lost her.
-- A chat she held that is at risk (the visitor said she is in danger, the counsellor escalated it, or her risk
-- checklist came out high) goes back with the danger class's head start, as if it had arrived in danger (never
-- later than its own score), and the supervisors are alerted (kind 'requeued', with what put it at risk): a person
-- the emergency services were called for must not wait behind the queue, nor be forgotten by the supervisors who
-- saw the escalation.
-- The chats are known only once the counsellor's sets are read, so their keys are built here from the prefix (single
-- Redis or Sentinel, not Cluster).
--
-- KEYS[1] deadlines
-- KEYS[2] deadlineStats
-- KEYS[3] consoles: the counsellor's console sockets -> lease expiry (ms)
-- KEYS[4] counsellor: the counsellor's hash
-- KEYS[5] counsellorConversations: the chats the counsellor holds
-- KEYS[6] counsellorOffers: the chats offered to the counsellor
-- KEYS[7] availableCounsellors
-- KEYS[8] queue
-- KEYS[9] activeConversations
-- KEYS[10] alertLog: the supervisors' alert log
-- KEYS[11] offeredConversations: the chats offered and not yet accepted
-- KEYS[12] onlineCounsellors: the counsellors who may have a live console; she leaves them here
-- ARGV[1] firedDeadline: the fired deadline member
-- ARGV[2] counsellorId
-- ARGV[3] counsellorChannel
-- ARGV[4] routingChannel: told 'gone|<counsellor id>'
-- ARGV[5] conversationChannelPrefix: conversation channels are this prefix and the id
-- ARGV[6] conversationKeyPrefix: conversation keys are this prefix and the id in braces
-- ARGV[7] dangerHeadStart: ms ahead of its arrival a chat in danger queues
-- ARGV[8] supervisorsChannel
-- ARGV[9] now: ms, the node's clock (the alert's time)
-- Returns {'present'}, {'already'} or {'requeued', number of chats}.
if not settleDeadline(KEYS[1], KEYS[2], ARGV[1], 'fired') then
  return {'already'}
end
if liveConsoles(KEYS[3], nowMillis()) > 0 then
  local latest = redis.call('ZRANGE', KEYS[3], -1, -1, 'WITHSCORES')
  setDeadline(KEYS[1], KEYS[2], tonumber(latest[2]), ARGV[1])
  return {'present'}
end
redis.call('SREM', KEYS[12], ARGV[2])
local setAway = redis.call('HGET', KEYS[4], 'status') == 'available'
if setAway then
  redis.call('HSET', KEYS[4], 'status', 'away', 'awayBy', 'connection_lost')
end
redis.call('SREM', KEYS[7], ARGV[2])
local count = 0
local held = redis.call('SMEMBERS', KEYS[5])
local offered = redis.call('SMEMBERS', KEYS[6])
for _, list in ipairs({held, offered}) do
  for _, id in ipairs(list) do
    local key = hashTagged(ARGV[6], id)
    local conv = redis.call('HMGET', key, 'status', 'score', 'offerVersion', 'danger', 'escalations', 'risk',
      'createdAt', 'association', 'dangerSaid')
    if conv[1] == 'active' or conv[1] == 'offered' then
      local score = conv[2]
      if conv[1] == 'offered' then
        settleDeadline(KEYS[1], KEYS[2], offerDeadline(id, conv[3]), 'cancelled')
        redis.call('ZREM', KEYS[11], id)
      else
        local reasons = {}
        if conv[4] == '1' or conv[9] == '1' then -- she said so, the priority hers or her client's other chat's
          reasons[#reasons + 1] = 'danger'
        end
        if conv[5] then
          reasons[#reasons + 1] = 'escalated'
        end
        if conv[6] == 'high' then
          reasons[#reasons + 1] = 'risk_high'
        end
        if #reasons > 0 then
          score = math.min(tonumber(score), tonumber(conv[7]) - tonumber(ARGV[7]))
          redis.call('HSET', key, 'score', score)
          alertSupervisors(KEYS[10], ARGV[8], cjson.encode({type = 'alert', kind = 'requeued', conversation = id,
            status = 'waiting', association = conv[8] or '', reasons = reasons, at = tonumber(ARGV[9])}))
        end
      end
      requeue(key, KEYS[8], id, score)
      redis.call('SREM', KEYS[9], id)
      if conv[1] == 'active' then -- a visitor is never told of an offer, so not of its end either
        redis.call('PUBLISH', ARGV[5] .. id, cjson.encode({type = 'requeued', conversation = id,
          reason = 'counsellor_unavailable'}))
      end
      redis.call('PUBLISH', ARGV[3], cjson.encode({type = 'released', conversation = id,
        reason = setAway and 'offline' or 'requeued'}))
      count = count + 1
    end
  end
end
redis.call('DEL', KEYS[5], KEYS[6])
-- a console still open whose node could not renew its lease for a whole lease (Redis unreachable from that node) would
-- otherwise go on showing "available" to a counsellor who gets no chats (one away by her own choice shows it already)
if setAway then
  redis.call('PUBLISH', ARGV[3], cjson.encode({type = 'status', status = 'away',
    awayReason = redis.call('HGET', KEYS[4], 'awayReason') or cjson.null, reason = 'connection_lost'}))
end
redis.call('PUBLISH', ARGV[4], 'gone|' .. ARGV[2])
return {'requeued', count}
