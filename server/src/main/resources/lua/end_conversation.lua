-- Ends a conversation once, frees the capacity of whoever held or was offered it, cancels a pending offer's deadline
-- and the visitor's hold, deletes the resume code (its key, its digest and its sealed copy in the hash: no resume
-- gives it back to a page any more) and starts the retention clock on the transcript. In 'erase' mode (the visitor's
-- "delete my conversation now") it then erases the transcript at once, ended or not: log, client ids, notes,
-- exclusions, resume code, the link to the client key that started it, and every field of the hash but the tombstone
-- kept for statistics and for the counsellor's outcome tags (recorded once: the tags stay so that they cannot be
-- counted twice). The resume code's key is known only from the hash, so it is built here from its prefix. An
-- unanswered chat records how long it waited, for the service level; every end is counted in the day's anonymous
-- statistics. Every end notes when the transcript expires (the retention sweep then has Redis rewrite its files); an
-- erase owes such a rewrite at once and also drops the conversation's step deadline. A chat a counsellor held starts
-- their wrap-up.
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] log
-- KEYS[3] clientIds
-- KEYS[4] queue
-- KEYS[5] activeConversations
-- KEYS[6] holderConversations: the chats the expected holder holds (any key when nobody holds it)
-- KEYS[7] holderOffers: the chats offered to the expected holder (any key when nobody holds it)
-- KEYS[8] deadlines
-- KEYS[9] deadlineStats
-- KEYS[10] notes
-- KEYS[11] excluded: the conversation's excluded counsellors
-- KEYS[12] endingCounts: the day's ending counts (kept 400 days)
-- KEYS[13] waits
-- KEYS[14] expiringTranscripts: conversation id -> when its transcript expires (ms, Redis time)
-- KEYS[15] diskPurgeOwed: raised when something left memory that the files Redis writes still hold
-- KEYS[16] statistics: the day's anonymous statistics (docs/observatory.md)
-- KEYS[17] holderWrapUp: the expected holder's wrap-up marker (any key when nobody holds it)
-- KEYS[18] conversationClient: the client key that started it, '<key>/<day>' (kept a day, for a block; once it ends, no
--   longer than the transcript)
-- KEYS[19] sockets: the visitor's sockets attached to it (kept with the transcript once it ends, erased with it)
-- KEYS[20] offeredConversations: the chats offered and not yet accepted
-- ARGV[1] conversationId
-- ARGV[2] endedBy: 'visitor' | 'counsellor' | 'timeout'
-- ARGV[3] expectedHolder: the counsellor id the caller believes holds it, or ''
-- ARGV[4] endedAt: ms
-- ARGV[5] retention: s
-- ARGV[6] conversationChannel
-- ARGV[7] holderChannel: or ''; in 'erase' mode the last counsellor's channel
-- ARGV[8] routingChannel
-- ARGV[9] holdDeadline: the hold deadline member
-- ARGV[10] mode: 'end', 'hold' (the hold deadline fired: end only if it is still pending), 'erase', 'abandon' (an
--   erase of a start the visitor never received: not a chat, so nothing is counted) or 'undelivered' (the start
--   deadline fired, no socket of the visitor ever attached: an abandon, only if that deadline is still pending)
-- ARGV[11] resumeCodePrefix: resume code keys are this prefix and the code's digest
-- ARGV[12] serviceLevel: ms, the dashboard's target
-- ARGV[13] statisticsKept: s from now, until statistics.keepDays after the day is over
-- ARGV[14] wrapUp: ms; a chat a counsellor held ends: no new chat for them this long (0: none; none either after an
--   abandon or an undelivered start: not a chat)
-- ARGV[15] startDeadline: the start deadline member (the time the visitor's first socket has to attach)
-- ARGV[16] clientKeyPrefix: a client key's keys are this prefix, the key in braces, ':' and what they hold
-- Returns 'ok:<outcome>', 'missing', 'already', 'cancelled' (hold mode: the visitor came back; undelivered mode: a
-- socket of the visitor attached) or 'stale' (the holder is not the expected one). The outcome is 'answered' (a counsellor had it), 'redirected' (the visitor took a hotline
-- shown to them), 'left_after_alternative' (hotlines had been shown) or 'left_without_alternative'. In 'erase' mode an
-- ended conversation answers 'erased'.
local mode = ARGV[10]
local uncounted = mode == 'abandon' or mode == 'undelivered'
local erasing = mode == 'erase' or uncounted
if (mode == 'hold' and not redis.call('ZSCORE', KEYS[8], ARGV[9]))
    or (mode == 'undelivered' and not redis.call('ZSCORE', KEYS[8], ARGV[15])) then
  return 'cancelled'
end
-- the visitor's hold and start deadlines: the one that fired, and any other still pending, go
local function settleVisitorDeadlines()
  settleDeadline(KEYS[8], KEYS[9], ARGV[9], mode == 'hold' and 'fired' or 'cancelled')
  settleDeadline(KEYS[8], KEYS[9], ARGV[15], mode == 'undelivered' and 'fired' or 'cancelled')
end
-- the code opens open conversations only: an ended one cannot be read again with a code found on paper, nor matched
-- with its transcript in a copy of Redis's files (its digest and its sealed copy leave the hash, and the files at the
-- rewrite owed)
local function forgetResumeCode()
  local code = redis.call('HGET', KEYS[1], 'resumeCode')
  if code then
    redis.call('DEL', ARGV[11] .. code)
    redis.call('HDEL', KEYS[1], 'resumeCode', 'resumeCodeSealed')
    redis.call('INCR', KEYS[15])
  end
end
local conv = redis.call('HMGET', KEYS[1], 'status', 'counsellor', 'offeredTo', 'offerVersion', 'assignedAt',
  'redirectedAt', 'alternativesAt', 'createdAt')
local status = conv[1]
if not status then
  settleVisitorDeadlines()
  return 'missing'
end
local event = {type = 'ended', conversation = ARGV[1], by = ARGV[2]}
if erasing then
  event.erased = true
end
if uncounted then
  event.wrapUp = false -- not a chat: no wrap-up follows for whoever held it, and her console starts none
end
local result
if status == 'ended' then
  settleVisitorDeadlines()
  if not erasing then
    return 'already'
  end
  result = 'erased'
else
  local holder = ''
  if status == 'active' then
    holder = conv[2] or ''
  elseif status == 'offered' then
    holder = conv[3] or ''
  end
  if holder ~= ARGV[3] then
    return 'stale'
  end
  settleVisitorDeadlines()
  leaveQueue(KEYS[4], ARGV[1])
  redis.call('SREM', KEYS[5], ARGV[1])
  if holder ~= '' then
    redis.call('SREM', KEYS[6], ARGV[1])
    redis.call('SREM', KEYS[7], ARGV[1])
  end
  if status == 'offered' then
    settleDeadline(KEYS[8], KEYS[9], offerDeadline(ARGV[1], conv[4]), 'cancelled')
    redis.call('ZREM', KEYS[20], ARGV[1])
  end
  local outcome = 'left_without_alternative'
  if conv[5] then
    outcome = 'answered'
  elseif conv[6] then
    outcome = 'redirected'
  elseif conv[7] and conv[7] ~= '' then
    outcome = 'left_after_alternative'
  end
  redis.call('HSET', KEYS[1], 'status', 'ended', 'endedBy', ARGV[2], 'endedAt', ARGV[4], 'outcome', outcome)
  if uncounted then
    redis.call('HSET', KEYS[1], 'notAChat', '1') -- its end told after a gap says so too (ChatFrames)
  end
  -- and where its danger claim was kept: key names that hold the client key (an HMAC of her address), kept no longer;
  -- the claim itself leaves the key's lists now (they are kept a day: the chat's id is in them only while it is open)
  -- (as it leaves the key's chats that may wait)
  local claimedIn = redis.call('HMGET', KEYS[1], 'dangerChats', 'dangerCounts', 'clientWaiting')
  if claimedIn[1] then
    redis.call('ZREM', claimedIn[1], ARGV[1])
  end
  if claimedIn[2] then
    redis.call('HDEL', claimedIn[2], ARGV[1])
  end
  if claimedIn[3] then
    redis.call('SREM', claimedIn[3], ARGV[1])
  end
  redis.call('HDEL', KEYS[1], 'visitorAway', 'visitorAwaySince', 'visitorSocket', 'dangerChats', 'dangerCounts',
    'dangerDeadline', 'clientWaiting')
  if not uncounted then
    redis.call('HINCRBY', KEYS[12], outcome, 1)
    redis.call('EXPIRE', KEYS[12], 34560000)
    countEndedChat(KEYS[16], KEYS[1], outcome, tonumber(ARGV[12]), ARGV[13])
  end
  if outcome ~= 'answered' and not uncounted then
    local endedAt = tonumber(ARGV[4])
    recordWait(KEYS[13], endedAt, ARGV[1], endedAt - tonumber(conv[8] or endedAt), 'u')
  end
  for _, i in ipairs({1, 2, 3, 10, 19}) do
    redis.call('EXPIRE', KEYS[i], ARGV[5])
  end
  -- the client key that started it (an HMAC of her address) is kept no longer than the transcript it points to
  if redis.call('PTTL', KEYS[18]) > tonumber(ARGV[5]) * 1000 then
    redis.call('EXPIRE', KEYS[18], ARGV[5])
  end
  redis.call('ZADD', KEYS[14], nowMillis() + tonumber(ARGV[5]) * 1000, ARGV[1])
  forgetResumeCode()
  result = 'ok:' .. outcome
  if status == 'active' and holder ~= '' and tonumber(ARGV[14]) > 0 and not uncounted then
    -- set before the freed place is announced, so that no routing round sees the counsellor free of it
    redis.call('SET', KEYS[17], '1', 'PX', ARGV[14])
  end
  if holder ~= '' then
    redis.call('PUBLISH', ARGV[7], cjson.encode(event))
    redis.call('PUBLISH', ARGV[8], 'capacity|' .. holder)
  end
end
if erasing then
  forgetResumeCode()
  -- nothing links the erased chat to the client key (an HMAC of the visitor's address) that started it any more
  local startedBy = redis.call('GET', KEYS[18])
  if startedBy then
    local client = ARGV[16] .. '{' .. string.match(startedBy, '^[^/]*') .. '}:'
    redis.call('ZREM', client .. 'danger', ARGV[1])
    redis.call('HDEL', client .. 'dangerCounts', ARGV[1])
  end
  redis.call('DEL', KEYS[2], KEYS[3], KEYS[10], KEYS[11], KEYS[18], KEYS[19])
  local step = redis.call('HGET', KEYS[1], 'step')
  if step then
    settleDeadline(KEYS[8], KEYS[9], 'step|' .. ARGV[1] .. '|' .. step, 'cancelled')
  end
  redis.call('INCR', KEYS[15])
  local keep = {status = true, counsellor = true, association = true, createdAt = true, assignedAt = true,
    endedAt = true, answeredAt = true, outcome = true, outcomeTags = true, outcomeTagsAt = true, notAChat = true}
  for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
    if not keep[field] then
      redis.call('HDEL', KEYS[1], field)
    end
  end
  redis.call('HSET', KEYS[1], 'erased', '1')
  if status == 'ended' and ARGV[7] ~= '' then
    -- no console follows an ended conversation any more: its last counsellor is told on their own channel
    redis.call('PUBLISH', ARGV[7], cjson.encode({type = 'erased', conversation = ARGV[1]}))
  end
end
redis.call('PUBLISH', ARGV[6], cjson.encode(event))
return result
