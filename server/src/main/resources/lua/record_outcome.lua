-- Records a chat's outcome tags once, by the counsellor who held it last, while it is active or after it ended (also
-- after the visitor erased it: the tombstone keeps status and counsellor), and adds one to each tag's anonymous
-- counter of the day (the caller's day, by the helpline's calendar). The day's outcome counters expire 400 days
-- after their last change.
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] outcomeCounts: the day's outcome counters
-- KEYS[3] statistics: the day's anonymous statistics, where each tag counts for the chat's association
-- ARGV[1] counsellorId
-- ARGV[2] tags: tag ids, comma-separated
-- ARGV[3] at: ms
-- ARGV[4] countersKept: the counters' time to live (s)
-- ARGV[5] counsellorChannel
-- ARGV[6] event: for the consoles (JSON)
-- ARGV[7] statisticsKept: s from now, until statistics.keepDays after the day is over
-- Returns 'ok', 'not_assigned' or 'already'.
local conv = redis.call('HMGET', KEYS[1], 'status', 'counsellor', 'outcomeTags', 'association')
if (conv[1] ~= 'active' and conv[1] ~= 'ended') or conv[2] ~= ARGV[1] then
  return 'not_assigned'
end
if conv[3] then
  return 'already'
end
redis.call('HSET', KEYS[1], 'outcomeTags', ARGV[2], 'outcomeTagsAt', ARGV[3])
local tagFigures = {}
for tag in string.gmatch(ARGV[2], '[^,]+') do
  redis.call('HINCRBY', KEYS[2], tag, 1)
  table.insert(tagFigures, 'tag.' .. tag)
end
redis.call('EXPIRE', KEYS[2], ARGV[4])
countStatistics(KEYS[3], conv[4], tagFigures, ARGV[7])
redis.call('PUBLISH', ARGV[5], ARGV[6])
return 'ok'
