-- A waiting chat of a client key asks for the danger priority because its visitor pressed the danger button (a start
-- claims it in start_chat.lua): claimDanger in the prelude says how it is granted or grouped. Granted (or not waiting
-- at all: her counsellor sees the danger), the chat is raised in the same script (raiseDanger): a node that dies after
-- the claim cannot leave it granted but never raised, nor its supervisors unalerted.
--
-- KEYS[1] dangerChats: chats of the key that claimed the danger priority (id -> ms)
-- KEYS[2] dangerCounts: id of a chat given the priority -> claims grouped under it (itself included)
-- KEYS[3] deadlines
-- KEYS[4] deadlineStats
-- KEYS[5] alertLog: the supervisors' alert log
-- KEYS[6] conversation: the conversation's hash
-- KEYS[7] queue
-- ARGV[1] conversationId
-- ARGV[2] conversationKeyPrefix
-- ARGV[3] window: seconds the two keys are kept after the last claim or look
-- ARGV[4] deadline: the key's danger deadline (danger|<client key>)
-- ARGV[5] recheck: ms between two looks at the grouped chats
-- ARGV[6] supervisorsChannel: a grouped claim renews the alert of the chat holding the priority
-- ARGV[7] at: ms (the node's clock), the alert's time
-- ARGV[8] dangerHeadStart: ms
-- ARGV[9] routingChannel
-- ARGV[10] conversationChannel: the counsellor, if any, sees the danger at once
-- Returns {'granted'} (raised, or missing), {'behind'}, or {'grouped', holder id, count}.
local claim = claimDanger({dangerChats = KEYS[1], dangerCounts = KEYS[2], deadlines = KEYS[3], deadlineStats = KEYS[4],
  alertLog = KEYS[5], id = ARGV[1], conversationKeyPrefix = ARGV[2], window = ARGV[3], deadline = ARGV[4], recheck = ARGV[5],
  supervisorsChannel = ARGV[6], at = ARGV[7]})
if claim[1] == 'granted' then
  raiseDanger({conversation = KEYS[6], queue = KEYS[7], alertLog = KEYS[5], id = ARGV[1], headStart = ARGV[8],
    supervisorsChannel = ARGV[6], routingChannel = ARGV[9], now = ARGV[7], conversationChannel = ARGV[10]})
  return {'granted'}
end
return claim
