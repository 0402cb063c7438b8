-- Adds an escalation to the escalation record the moment it is made, its webhook 'pending', and sets the deadline by
-- which its outcome must be written: a node that stops during the retries, or a Redis that failed when the outcome
-- was written, leaves the entry pending, and any live node then marks it 'unconfirmed' and alerts the supervisors
-- (unconfirmed_escalation.lua). Its outcome, written in time, cancels the deadline (settle_escalation.lua). The
-- supervisors' alert goes out with it: an escalation recorded is an escalation they were told of. Run again for the
-- same escalation (a reply lost, the command sent again; the node trying again after an outage), it finds the entry of
-- that id among the newest and writes nothing, alerts nobody. Its summary is kept with the chat in the same script
-- (keepEscalationSummary): while she holds the chat (or held it when it ended), no escalation is in the record without
-- being in its chat, where whoever holds the chat next (a transfer, her console reconnecting, the chat back in the
-- queue) sees that the line was called.
--
-- KEYS[1] escalations: the escalation record, newest first
-- KEYS[2] deadlines
-- KEYS[3] deadlineStats
-- KEYS[4] alertLog: the supervisors' alert log
-- KEYS[5] conversation: the chat's hash
-- ARGV[1] entry: JSON, with "webhook":"pending"
-- ARGV[2] kept: how many entries the record keeps
-- ARGV[3] deadline: its member (escalation|<id>)
-- ARGV[4] within: ms from now (Redis's clock) by which the outcome is due
-- ARGV[5] supervisorsChannel
-- ARGV[6] alert: JSON, the supervisors' alert
-- ARGV[7] escalationId
-- ARGV[8] searched: how many of the newest entries are looked through for it
-- ARGV[9] counsellorId: who made it (the summary is kept only in a chat she holds, or held when it ended)
-- ARGV[10] summary: JSON, the summary kept with the chat
-- ARGV[11] maxEscalations: the most summaries a chat keeps
-- Returns 'ok', or 'kept' when it was recorded already.
if escalationEntry(KEYS[1], ARGV[7], ARGV[8]) then
  return 'kept'
end
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
setDeadline(KEYS[2], KEYS[3], nowMillis() + tonumber(ARGV[4]), ARGV[3])
alertSupervisors(KEYS[4], ARGV[5], ARGV[6])
keepEscalationSummary(KEYS[5], ARGV[9], ARGV[10], ARGV[11])
return 'ok'
