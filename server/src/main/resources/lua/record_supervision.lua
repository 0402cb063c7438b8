-- Records a supervision entry in an active chat's case record (a supervisor starting or stopping to monitor it, or
-- whispering to its counsellor; its counsellor asking for help), kept with the private notes so that it expires and
-- is erased with them (end_conversation.lua), and tells the counsellor holding the chat, on their own channel, which
-- no visitor socket follows. A help request also alerts the supervisors; one made by the same holder less than
-- alertAgainAfter after her last for the chat (a button pressed again, or a script in a counsellor's session filling
-- the alert log) records and raises nothing more: the supervisors were told. A new holder's first is raised. The end
-- of a monitoring is recorded in any chat that has not ended (whileOpen), held or back in the queue, so that whoever
-- holds it next does not read that she is watched.
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] notes
-- KEYS[3] alertLog: the supervisors' alert log
-- ARGV[1] expectedHolder: the counsellor who must hold the chat, '' for whoever holds it
-- ARGV[2] entry: JSON, sealed
-- ARGV[3] maxNotes: the most supervision entries kept (the counsellor's notes are counted apart)
-- ARGV[4] counsellorChannelPrefix: the holder's channel is this followed by their id
-- ARGV[5] event: for the holder's consoles (JSON)
-- ARGV[6] supervisorsChannel
-- ARGV[7] alert: for the supervisors (JSON), '' for none
-- ARGV[8] alertAgainAfter: ms after a chat's last alert before another is raised
-- ARGV[9] now: ms (the node's clock)
-- ARGV[10] whileOpen: '1' when the entry is recorded in any chat that has not ended (a monitoring's end), else '0'
-- Returns 'ok:<holder id>', 'repeated:<holder id>' (an alert within alertAgainAfter: nothing done), 'not_active',
-- 'not_assigned' or 'full'.
local conv = redis.call('HMGET', KEYS[1], 'status', 'counsellor')
local open = ARGV[10] == '1' and conv[1] and conv[1] ~= 'ended'
if not open and (conv[1] ~= 'active' or not conv[2]) then
  return 'not_active'
end
if conv[1] ~= 'active' then
  conv[2] = nil -- back in the queue: its last counsellor no longer holds it
end
if ARGV[1] ~= '' and conv[2] ~= ARGV[1] then
  return 'not_assigned'
end
if ARGV[7] ~= '' then
  local by, at = string.match(redis.call('HGET', KEYS[1], 'helpAlerted') or '', '^(.*)|(%d+)$')
  if by == conv[2] and tonumber(ARGV[9]) - tonumber(at) < tonumber(ARGV[8]) then
    return 'repeated:' .. conv[2]
  end
end
if not pushNote(KEYS[1], 'supervisionCount', KEYS[2], ARGV[2], ARGV[3], conv[2] and ARGV[4] .. conv[2], ARGV[5]) then
  return 'full'
end
if ARGV[7] ~= '' then
  redis.call('HSET', KEYS[1], 'helpAlerted', conv[2] .. '|' .. ARGV[9])
  alertSupervisors(KEYS[3], ARGV[6], ARGV[7])
end
return 'ok:' .. (conv[2] or '')
