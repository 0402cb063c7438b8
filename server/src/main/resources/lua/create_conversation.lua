-- Creates a waiting conversation, queues it and sets the deadline of its first routing step, atomically.
-- Also records the conversation's resume code (its digest leads to the id), and that the visitor is shown the
-- alternatives (alternativesAt): they come with `started`, and a conversation whose `started` is not delivered is erased.
-- Its start deadline erases it too if no socket of the visitor attaches in time (the answer to the start was lost:
-- the node died, or gave up waiting for this script's reply and told the visitor the start failed).
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] queue
-- KEYS[3] deadlines
-- KEYS[4] deadlineStats
-- KEYS[5] resumeCode: the resume code's key
-- ARGV[1] conversationId
-- ARGV[2] score: the queue score
-- ARGV[3] createdAt: ms
-- ARGV[4] secretDigest: the resume secret's digest
-- ARGV[5] role
-- ARGV[6] language
-- ARGV[7] region
-- ARGV[8] topic
-- ARGV[9] children: 0/1
-- ARGV[10] danger: 0/1
-- ARGV[11] routingChannel
-- ARGV[12] firstStepEndsAt: ms, or '' with a single step
-- ARGV[13] firstStepDeadline: that deadline's member
-- ARGV[14] codeDigest: the resume code's digest
-- ARGV[15] pageLanguage: the language of the visitor's page (a hint for the console, not the triage answer), or ''
-- ARGV[16] startDeadline: the start deadline member
-- ARGV[17] attachWithin: ms (Redis time) the visitor's first socket has to attach
-- ARGV[18] dangerSaid: 0/1, the visitor said she is in danger now (danger is 0 all the same when another chat of the
--   same client already waits with the danger priority); counted in the statistics
-- Returns 1, 0 when the id already exists, or 2 when the resume code is already taken (nothing is written).
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
if not redis.call('SET', KEYS[5], ARGV[1], 'NX') then
  return 2
end
redis.call('HSET', KEYS[1], 'status', 'waiting', 'createdAt', ARGV[3], 'secret', ARGV[4], 'role', ARGV[5],
  'language', ARGV[6], 'region', ARGV[7], 'topic', ARGV[8], 'children', ARGV[9], 'danger', ARGV[10], 'seq', 0,
  'score', ARGV[2], 'step', 0, 'resumeCode', ARGV[14], 'alternativesAt', ARGV[3], 'dangerSaid', ARGV[18])
if ARGV[15] ~= '' then
  redis.call('HSET', KEYS[1], 'pageLanguage', ARGV[15])
end
enterQueue(KEYS[2], ARGV[2], ARGV[1])
if ARGV[12] ~= '' then
  setDeadline(KEYS[3], KEYS[4], tonumber(ARGV[12]), ARGV[13])
end
setDeadline(KEYS[3], KEYS[4], nowMillis() + tonumber(ARGV[17]), ARGV[16])
redis.call('PUBLISH', ARGV[11], 'queued')
return 1
