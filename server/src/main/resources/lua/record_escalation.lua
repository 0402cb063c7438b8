-- Keeps the summary of an escalation (which line, by whom, when; no text) with a conversation the caller holds, or held
-- when it ended (an escalation of what she said before she left), so that whoever holds the chat next (after a
-- transfer, or on a console that reconnects) sees it. The latest ARGV[3] are
-- kept, oldest first, each as the JSON text given. The field goes with the conversation (end_conversation.lua). The
-- same summary run again (the node trying again after Redis failed, or a command sent again after a reconnection)
-- is kept once.
--
-- KEYS[1] conversation: the conversation's hash
-- ARGV[1] counsellorId
-- ARGV[2] escalation: JSON
-- ARGV[3] maxEscalations: the most kept
-- Returns 'ok' or 'not_assigned'.
local conv = redis.call('HMGET', KEYS[1], 'status', 'counsellor', 'escalations')
if (conv[1] ~= 'active' and conv[1] ~= 'ended') or conv[2] ~= ARGV[1] then
  return 'not_assigned'
end
local kept = conv[3] and cjson.decode(conv[3]) or {}
for _, summary in ipairs(kept) do
  if summary == ARGV[2] then
    return 'ok'
  end
end
kept[#kept + 1] = ARGV[2]
while #kept > tonumber(ARGV[3]) do
  table.remove(kept, 1)
end
redis.call('HSET', KEYS[1], 'escalations', cjson.encode(kept))
return 'ok'
