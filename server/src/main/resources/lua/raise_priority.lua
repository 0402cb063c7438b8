-- The visitor says they are in danger now: the conversation gets the danger class (its score moves up to what it
-- would have had, arriving in danger) and supervisors are alerted at once.
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] queue
-- KEYS[3] alertLog: the supervisors' alert log
-- ARGV[1] conversationId
-- ARGV[2] dangerHeadStart: ms
-- ARGV[3] supervisorsChannel
-- ARGV[4] routingChannel
-- ARGV[5] now: ms
-- ARGV[6] conversationChannel: the counsellor, if any, sees the danger at once
-- Returns the conversation's status, or 'missing'.
return raiseDanger({conversation = KEYS[1], queue = KEYS[2], alertLog = KEYS[3], id = ARGV[1], headStart = ARGV[2],
  supervisorsChannel = ARGV[3], routingChannel = ARGV[4], now = ARGV[5], conversationChannel = ARGV[6]})
