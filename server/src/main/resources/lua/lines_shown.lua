-- A waiting visitor whose start was shown only the emergency numbers (no line of the directory open for her need:
-- alternativesAt '') is shown a line later: one that opened while she waited (the queue's alternatives), those sent
-- with "in danger now", or those shown to a socket that attached to her chat again. The conversation records when, once
-- (alternativesAt), so that leaving unanswered counts as after an alternative (end_conversation.lua). An ended chat,
-- or one gone, is not written (nor created again).
--
-- KEYS[1] conversation: the conversation's hash
-- ARGV[1] shownAt: ms
-- Returns 1 when recorded, 0 when nothing was written (lines recorded before, or the chat ended or gone).
local conv = redis.call('HMGET', KEYS[1], 'status', 'alternativesAt')
if not conv[1] or conv[1] == 'ended' or (conv[2] and conv[2] ~= '') then
  return 0
end
redis.call('HSET', KEYS[1], 'alternativesAt', ARGV[1])
return 1
