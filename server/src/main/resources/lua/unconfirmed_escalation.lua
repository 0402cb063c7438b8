-- Fires an escalation's deadline (add_escalation.lua): its webhook's outcome was not written in time, so the node
-- delivering it stopped (its retries were in its memory), was late, or Redis failed when the outcome was written. The
-- entry, if still pending, is marked 'unconfirmed' and every supervisor is alerted (kind escalation_unconfirmed) in
-- the same step, so that the alert cannot be lost once the deadline is gone; an entry no longer in the record (lost in
-- a failover) is alerted all the same, by its id.
--
-- KEYS[1] escalations: the escalation record, newest first
-- KEYS[2] deadlines
-- KEYS[3] deadlineStats
-- KEYS[4] alertLog: the supervisors' alert log
-- ARGV[1] firedDeadline: its member
-- ARGV[2] escalationId
-- ARGV[3] searched: how many of the newest entries to look through first
-- ARGV[4] supervisorsChannel
-- Returns the entry as now recorded (JSON) when it was pending, or '{"id":...,"webhook":"unconfirmed"}' (JSON) when it
-- is no longer in the record;
-- '' when another node fired the deadline, or the entry was settled.
if not settleDeadline(KEYS[2], KEYS[3], ARGV[1], 'fired') then
  return ''
end
local entry, index = escalationAnywhere(KEYS[1], ARGV[2], ARGV[3])
if not entry then -- gone from the record (lost in a failover): the supervisors are told all the same, by its id
  local lost = {id = ARGV[2], webhook = 'unconfirmed'}
  alertSupervisors(KEYS[4], ARGV[4], escalationAlert('escalation_unconfirmed', lost))
  return cjson.encode(lost)
end
local marked, count = withWebhook(entry, 'pending', 'unconfirmed')
if count == 0 then
  return ''
end
redis.call('LSET', KEYS[1], index, marked)
alertSupervisors(KEYS[4], ARGV[4], escalationAlert('escalation_unconfirmed', cjson.decode(marked)))
return marked
