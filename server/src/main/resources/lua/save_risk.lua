-- Saves a risk checklist's level and answers with the conversation, if the caller holds it; tells the counsellor's
-- consoles; alerts the supervisors when the level becomes high (not again while it stays high).
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] alertLog: the supervisors' alert log
-- ARGV[1] counsellorId
-- ARGV[2] level: 'standard' | 'medium' | 'high'
-- ARGV[3] answers: JSON
-- ARGV[4] at: ms
-- ARGV[5] counsellorChannel
-- ARGV[6] event: for the consoles (JSON)
-- ARGV[7] supervisorsChannel
-- ARGV[8] alert: JSON
-- Returns 'ok' or 'not_assigned'.
local conv = redis.call('HMGET', KEYS[1], 'status', 'counsellor', 'risk')
if conv[1] ~= 'active' or conv[2] ~= ARGV[1] then
  return 'not_assigned'
end
redis.call('HSET', KEYS[1], 'risk', ARGV[2], 'riskAnswers', ARGV[3], 'riskAt', ARGV[4])
redis.call('PUBLISH', ARGV[5], ARGV[6])
if ARGV[2] == 'high' and conv[3] ~= 'high' then
  alertSupervisors(KEYS[2], ARGV[7], ARGV[8])
end
return 'ok'
