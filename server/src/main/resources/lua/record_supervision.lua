-- Records a supervision entry in an active chat's case record (a supervisor starting or stopping to monitor it, or
-- whispering to its counsellor; its counsellor asking for help), kept with the private notes so that it expires and
-- is erased with them (end_conversation.lua), and tells the counsellor holding the chat, on their own channel, which
-- no visitor socket follows. A help request also alerts the supervisors; one made by the same holder less than
-- alertAgainAfter after her last for the chat (a button pressed again, or a script in a counsellor's session filling
-- the alert log) records and raises nothing more: the supervisors were told. A new holder's first is raised. A help
-- request the full record cannot keep is raised and told to the holder all the same: only the record misses it.
--
-- A monitoring has an id (the same for every socket of one supervisor's page: a page that reconnects asks again under
-- it) and is open while the field 'monitoring:<id>' of the conversation's hash names the supervisor socket that holds
-- it, the last that asked. Asked again while open, it changes hands and nothing is recorded: the counsellor was told.
-- Its end is recorded only from the socket that holds it (so not when an older socket of a page that reconnected
-- closes), in any chat that has not ended (whileOpen), held or back in the queue, so that whoever holds it next does
-- not read that she is watched; and always, the record full or not: it closes an entry the record holds.
-- The node of the socket that holds a monitoring keeps it in its set (nodeMonitorings) from its start or its change of
-- hands until that socket ends it, so that when the node dies another node ends it for it (node_gone.lua).
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] notes
-- KEYS[3] alertLog: the supervisors' alert log
-- KEYS[4] nodeMonitorings: the monitorings held by sockets of the watcher's node
--   ('<conversation id>|<monitoring id>|<socket id>|<supervisor id>')
-- ARGV[1] expectedHolder: the counsellor who must hold the chat, '' for whoever holds it
-- ARGV[2] entry: JSON, sealed
-- ARGV[3] maxNotes: the most supervision entries kept (the counsellor's notes are counted apart)
-- ARGV[4] counsellorChannelPrefix: the holder's channel is this followed by their id
-- ARGV[5] event: for the holder's consoles (JSON)
-- ARGV[6] supervisorsChannel
-- ARGV[7] alert: for the supervisors (JSON), '' for none
-- ARGV[8] alertAgainAfter: ms after a chat's last alert before another is raised
-- ARGV[9] now: ms (the node's clock)
-- ARGV[10] whileOpen: '1' for a monitoring's end (recorded in any chat that has not ended), else '0'
-- ARGV[11] monitoring: the id of the monitoring that starts or ends, '' for another entry
-- ARGV[12] watcher: the supervisor socket starting the monitoring (it holds it from then on) or ending it, else ''
-- ARGV[13] nodeMonitoring: the monitoring's member of nodeMonitorings, '' for another entry
-- Returns 'ok:<holder id>', 'repeated:<holder id>' (an alert within alertAgainAfter: nothing done),
-- 'unchanged:<holder id>' (a monitoring open already, now held by watcher; or an end from a socket that does not hold
-- it: nothing recorded), 'alerted:<holder id>' (a help request raised and told, not kept: the record is full),
-- 'not_active:<status>' ('ended' also for a conversation gone), 'not_assigned' or 'full'.
if ARGV[13] ~= '' and ARGV[10] == '1' then
  redis.call('SREM', KEYS[4], ARGV[13]) -- whatever follows, the watcher no longer holds it
end
local conv = redis.call('HMGET', KEYS[1], 'status', 'counsellor')
local open = ARGV[10] == '1' and conv[1] and conv[1] ~= 'ended'
if not open and (conv[1] ~= 'active' or not conv[2]) then
  return 'not_active:' .. (conv[1] or 'ended')
end
if conv[1] ~= 'active' then
  conv[2] = nil -- back in the queue: its last counsellor no longer holds it
end
if ARGV[1] ~= '' and conv[2] ~= ARGV[1] then
  return 'not_assigned'
end
local holder = conv[2] or ''
local channel = conv[2] and ARGV[4] .. conv[2]
local monitoring = ARGV[11] ~= '' and 'monitoring:' .. ARGV[11]
if monitoring then
  local watcher = redis.call('HGET', KEYS[1], monitoring)
  if ARGV[10] == '1' then
    if watcher ~= ARGV[12] then
      return 'unchanged:' .. holder
    end
    redis.call('HDEL', KEYS[1], monitoring)
    redis.call('HINCRBY', KEYS[1], 'supervisionCount', 1)
    redis.call('RPUSH', KEYS[2], ARGV[2])
    if channel then
      redis.call('PUBLISH', channel, ARGV[5])
    end
    return 'ok:' .. holder
  end
  if watcher then
    redis.call('HSET', KEYS[1], monitoring, ARGV[12])
    redis.call('SADD', KEYS[4], ARGV[13])
    return 'unchanged:' .. holder
  end
end
if ARGV[7] ~= '' then
  local by, at = string.match(redis.call('HGET', KEYS[1], 'helpAlerted') or '', '^(.*)|(%d+)$')
  if by == conv[2] and tonumber(ARGV[9]) - tonumber(at) < tonumber(ARGV[8]) then
    return 'repeated:' .. holder
  end
end
local kept = pushNote(KEYS[1], 'supervisionCount', KEYS[2], ARGV[2], ARGV[3], channel, ARGV[5])
if not kept and ARGV[7] == '' then
  return 'full'
end
if monitoring then
  redis.call('HSET', KEYS[1], monitoring, ARGV[12])
  redis.call('SADD', KEYS[4], ARGV[13])
end
if ARGV[7] ~= '' then
  if not kept and channel then
    redis.call('PUBLISH', channel, ARGV[5])
  end
  redis.call('HSET', KEYS[1], 'helpAlerted', conv[2] .. '|' .. ARGV[9])
  alertSupervisors(KEYS[3], ARGV[6], ARGV[7])
end
return (kept and 'ok:' or 'alerted:') .. holder
