-- A waiting chat of a client key asks for the danger priority because its visitor pressed the danger button (a start
-- claims it in start_chat.lua): claimDanger in the prelude says how it is granted or grouped.
--
-- KEYS[1] dangerChats: chats of the key that claimed the danger priority (id -> ms)
-- KEYS[2] dangerCounts: id of a chat given the priority -> claims grouped under it (itself included)
-- KEYS[3] deadlines
-- KEYS[4] deadlineStats
-- KEYS[5] alertLog: the supervisors' alert log
-- ARGV[1] conversationId
-- ARGV[2] conversationKeyPrefix
-- ARGV[3] window: seconds the two keys are kept after the last claim or look
-- ARGV[4] deadline: the key's danger deadline (danger|<client key>)
-- ARGV[5] recheck: ms between two looks at the grouped chats
-- ARGV[6] supervisorsChannel: a grouped claim renews the alert of the chat holding the priority
-- ARGV[7] at: ms (the node's clock), the alert's time
-- Returns {'granted'}, {'behind'}, or {'grouped', holder id, count}.
return claimDanger({dangerChats = KEYS[1], dangerCounts = KEYS[2], deadlines = KEYS[3], deadlineStats = KEYS[4],
  alertLog = KEYS[5], id = ARGV[1], conversationKeyPrefix = ARGV[2], window = ARGV[3], deadline = ARGV[4], recheck = ARGV[5],
  supervisorsChannel = ARGV[6], at = ARGV[7]})
