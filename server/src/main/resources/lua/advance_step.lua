-- A step deadline fired: the conversation moves to the next routing step (whatever its state, so that a chat given
-- back to the queue later keeps the step its age deserves) and the next step's deadline is set.
--
-- KEYS[1] deadlines
-- KEYS[2] deadlineStats
-- KEYS[3] conversation: the conversation's hash
-- ARGV[1] firedDeadline: the fired deadline member ('step|<id>|<step>')
-- ARGV[2] step: the step it ends
-- ARGV[3] nextStepEndsAt: when the next step ends (ms, or '' when the next step is the last)
-- ARGV[4] nextDeadline: the next deadline member
-- ARGV[5] routingChannel
-- Returns 'ok', 'already' (another node fired it) or 'ended'.
if not settleDeadline(KEYS[1], KEYS[2], ARGV[1], 'fired') then
  return 'already'
end
local status = redis.call('HGET', KEYS[3], 'status')
if not status or status == 'ended' then
  return 'ended'
end
redis.call('HSET', KEYS[3], 'step', tonumber(ARGV[2]) + 1)
if ARGV[3] ~= '' then
  setDeadline(KEYS[1], KEYS[2], tonumber(ARGV[3]), ARGV[4])
end
if status == 'waiting' then
  redis.call('PUBLISH', ARGV[5], 'step|' .. string.match(ARGV[1], '^step|(.*)|'))
end
return 'ok'
