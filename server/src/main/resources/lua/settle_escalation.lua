-- Writes what became of an escalation's webhook into its entry of the escalation record, which was added 'pending' the
-- moment the escalation was made (add_escalation.lua), and cancels the deadline set for it. An outcome that did not
-- reach the receiver ('failed': every attempt failed; 'dropped': too many deliveries were pending) alerts the
-- supervisors (kind escalation_failed): nobody on call heard of the escalation, and someone has to pass it on by hand.
-- An entry already marked 'unconfirmed' (its deadline fired first: its node was late, not gone) takes the outcome too,
-- and the supervisors, who were told to pass it on by hand, are told what became of it (alert kind
-- escalation_settled, or escalation_failed when it was not delivered). The entry is looked for among the newest ones,
-- then (rarely) among the older ones, and edited as text so that the rest of it stays exactly as written. One no
-- longer in the record (pushed out by 10,000 newer ones while its outcome was delayed, or lost in a failover) is
-- recorded again, as the node gave it, with its outcome, and alerts the supervisors all the same: escalation_failed
-- when it was not delivered, escalation_settled when its deadline was no longer there to cancel (it had fired).
--
-- KEYS[1] escalations: the escalation record, newest first
-- KEYS[2] deadlines
-- KEYS[3] deadlineStats
-- KEYS[4] alertLog: the supervisors' alert log
-- ARGV[1] escalationId
-- ARGV[2] webhook: the outcome ('delivered', 'failed', 'dropped', 'no_webhook')
-- ARGV[3] searched: how many of the newest entries to look through first
-- ARGV[4] deadline: the escalation's deadline member
-- ARGV[5] supervisorsChannel
-- ARGV[6] entry: the entry as recorded (JSON), to record again with its outcome when it is no longer in the record
-- ARGV[7] kept: how many entries the record keeps
-- Returns 1 when the entry was found waiting for its outcome and settled, or found settled already (this run again:
-- its reply was lost); 0 when it was recorded again.
local inTime = settleDeadline(KEYS[2], KEYS[3], ARGV[4], 'cancelled')
local undelivered = ARGV[2] == 'failed' or ARGV[2] == 'dropped'
local entry, index = escalationAnywhere(KEYS[1], ARGV[1], ARGV[3])
if not entry then
  local again = cjson.decode(ARGV[6])
  again.webhook = ARGV[2]
  redis.call('LPUSH', KEYS[1], cjson.encode(again))
  redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[7]) - 1)
  if undelivered then
    alertSupervisors(KEYS[4], ARGV[5], escalationAlert('escalation_failed', again))
  elseif not inTime then -- its deadline had fired (the supervisors were told to pass it on by hand), or went with it
    alertSupervisors(KEYS[4], ARGV[5], escalationAlert('escalation_settled', again))
  end
  return 0
end
local settled, count = withWebhook(entry, 'pending', ARGV[2])
local late = false
if count == 0 then
  settled, count = withWebhook(entry, 'unconfirmed', ARGV[2])
  late = count > 0
end
if count == 0 then
  return 1
end
redis.call('LSET', KEYS[1], index, settled)
-- One alert either way. A late outcome that did not reach the receiver is told as escalation_failed, not
-- escalation_settled: the unconfirmed alert only asked to check with the receiver, this one says the webhook never got
-- through, and "settled after all" would read as if the matter were closed.
if undelivered then
  alertSupervisors(KEYS[4], ARGV[5], escalationAlert('escalation_failed', cjson.decode(settled)))
elseif late then
  alertSupervisors(KEYS[4], ARGV[5], escalationAlert('escalation_settled', cjson.decode(settled)))
end
return 1
