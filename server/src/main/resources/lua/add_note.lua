-- Appends a private note (never shown to the visitor) to a conversation the caller holds, and tells the counsellor's
-- consoles. The notes list expires with the conversation (end_conversation.lua).
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] notes
-- ARGV[1] counsellorId
-- ARGV[2] note: JSON
-- ARGV[3] maxNotes: the most notes kept
-- ARGV[4] counsellorChannel
-- ARGV[5] event: for the consoles (JSON)
-- Returns 'ok', 'not_assigned' or 'full'.
local conv = redis.call('HMGET', KEYS[1], 'status', 'counsellor')
if conv[1] ~= 'active' or conv[2] ~= ARGV[1] then
  return 'not_assigned'
end
if not pushNote(KEYS[1], 'notesCount', KEYS[2], ARGV[2], ARGV[3], ARGV[4], ARGV[5]) then
  return 'full'
end
return 'ok'
