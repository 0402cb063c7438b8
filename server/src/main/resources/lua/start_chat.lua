-- A visitor starts a chat, in one script (one round trip): her client key is admitted, the conversation is written
-- (waiting), it claims the key's danger priority when she said she is in danger now, and it is queued, with the
-- deadline of its first routing step.
-- Admission: refused when the key is blocked, has started its hour's chats already or has as many waiting (nothing is
-- written, but the ids of its chats no longer waiting are forgotten); otherwise counted (in the clock's hour: the
-- count ends with it), and the conversation remembers the key that started it, so that a counsellor who ends it as
-- abusive blocks that key.
-- Its network (an IPv6 client's /48, whose holder may have 65,536 /64s, each a key) is counted too: beyond the
-- network's hour's chats a chat is not refused (strangers on a carrier's /48 must not be shut out by one of them) but
-- queues behind (its score pushed back by behindBy) and claims no danger priority (dangerSaid kept), nor later with
-- the button (networkBehind: claimDanger answers 'behind'); beyond four times that, it is refused ('limited').
-- Danger: claimDanger in the prelude, once the conversation is written (waiting) and before it is queued; a chat
-- grouped under another queues as normal (groupedScore, danger 0) with dangerSaid kept for the
-- statistics.
-- Creation also records the conversation's resume code (its digest leads to the id; the code itself is kept sealed,
-- resumeCodeSealed, for the visitor's page, which gets it back on a resume by secret and keeps it in memory only), and
-- that the visitor is shown the alternatives (alternativesAt): they come with `started`, and a conversation whose
-- `started` is not delivered is erased.
-- Its start deadline erases it too if no socket of the visitor attaches in time (the answer to the start was lost:
-- the node died, or gave up waiting for this script's reply and told the visitor the start failed).
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] queue
-- KEYS[3] deadlines
-- KEYS[4] deadlineStats
-- KEYS[5] resumeCode: the resume code's key
-- KEYS[6] block: the client key's block, if any
-- KEYS[7] chats: how many chats the client key started this hour (of the clock: the window of chatsWindow it is in)
-- KEYS[8] conversationClient: the client key of the new conversation
-- KEYS[9] dangerChats: chats of the client key that claimed the danger priority (id -> ms)
-- KEYS[10] dangerCounts: id of a chat given the priority -> claims grouped under it (itself included)
-- KEYS[11] alertLog: the supervisors' alert log
-- KEYS[12] networkChats: how many chats the clients of the key's network started this hour
-- KEYS[13] waitingChats: the ids of the key's chats that may still wait (a set, with no time: those no longer waiting
-- or offered are forgotten when the key is at its limit, their hashes named as the ids are learned, by hashTagged, as
-- dangerHolder does; each leaves when it ends)
-- ARGV[1] conversationId
-- ARGV[2] score: the queue score, with the danger class if she said she is in danger now
-- ARGV[3] groupedScore: the queue score without the danger class (a chat grouped under another of its key)
-- ARGV[4] createdAt: ms
-- ARGV[5] secretDigest: the resume secret's digest
-- ARGV[6] role
-- ARGV[7] language
-- ARGV[8] region
-- ARGV[9] topic
-- ARGV[10] children: 0/1
-- ARGV[11] dangerSaid: 0/1, she said she is in danger now (counted in the statistics, and claims the priority)
-- ARGV[12] routingChannel
-- ARGV[13] firstStepEndsAt: ms, or '' with a single step
-- ARGV[14] firstStepDeadline: that deadline's member
-- ARGV[15] codeDigest: the resume code's digest
-- ARGV[16] pageLanguage: the language of the visitor's page (a hint for the console, not the triage answer), or ''
-- ARGV[17] startDeadline: the start deadline member
-- ARGV[18] attachWithin: ms (Redis time) the visitor's first socket has to attach
-- ARGV[19] clientKey: '<key>/<day>'
-- ARGV[20] limit: chats per hour, and chats waiting at once
-- ARGV[21] chatsWindow: seconds the hour's count runs (windows of the clock, from the epoch)
-- ARGV[22] remember: seconds the conversation keeps its client key
-- ARGV[23] conversationKeyPrefix
-- ARGV[24] window: seconds the key's danger claims are kept after the last claim or look
-- ARGV[25] deadline: the key's danger deadline (danger|<client key>)
-- ARGV[26] recheck: ms between two looks at the grouped chats
-- ARGV[27] supervisorsChannel: alerted at once when she said she is in danger now (claimDanger alerts a grouped one)
-- ARGV[28] networkLimit: chats per hour of the network's clients together, or '' for a key that is its own network
-- ARGV[29] behindBy: ms added to the score of a chat beyond its network's hour's chats
-- ARGV[30] linesShown: '1' when lines open for her need are shown with the start (alternativesAt its time), '0' when
-- none is open (only the emergency numbers; alternativesAt '' until a line is shown to her later, lines_shown.lua: a
-- chat nobody answers before that counts as unanswered without an alternative)
-- ARGV[31] resumeCodeSealed: the resume code, sealed with the data key (kept until the conversation ends)
-- Returns {'blocked'}, {'limited'}, {'code_taken'} (the resume code is in use) or {'id_taken'}, with nothing written;
-- or {'started'}, then, when she said she is in danger, 'granted', or 'grouped', the holder's id and its count, or
-- 'behind' (beyond its network's hour: no priority).
-- The same start run again (the client sends a command again after a reconnection when its reply was lost) finds its
-- conversation with its secret's digest: answered as it was, started, with nothing written or counted again.
local ran = redis.call('HMGET', KEYS[1], 'secret', 'dangerSaid', 'danger', 'networkBehind')
if ran[1] == ARGV[5] then
  if ran[2] ~= '1' then
    return {'started'}
  end
  if ran[3] == '1' then
    return {'started', 'granted'}
  end
  if ran[4] then -- beyond its network's hour: no priority and no alert, as the first run answered
    return {'started', 'behind'}
  end
  local holder = dangerHolder(KEYS[9], KEYS[10], ARGV[23])
  return {'started', 'grouped', holder.id or '', tonumber(redis.call('HGET', KEYS[10], holder.id or '') or '1')}
end
if redis.call('EXISTS', KEYS[6]) == 1 then
  return {'blocked'}
end
if tonumber(redis.call('GET', KEYS[7]) or '0') >= tonumber(ARGV[20]) then
  return {'limited'}
end
-- nor more chats waiting at once than its hour's: a script that keeps its sockets open would otherwise add its hour's
-- chats to the queue hour after hour, each one a counsellor must answer before the women behind
if redis.call('SCARD', KEYS[13]) >= tonumber(ARGV[20]) then
  for _, id in ipairs(redis.call('SMEMBERS', KEYS[13])) do
    local status = redis.call('HGET', hashTagged(ARGV[23], id), 'status')
    if status ~= 'waiting' and status ~= 'offered' then
      redis.call('SREM', KEYS[13], id)
    end
  end
  if redis.call('SCARD', KEYS[13]) >= tonumber(ARGV[20]) then
    return {'limited'}
  end
end
local network = ARGV[28] ~= ''
local networkCount = network and tonumber(redis.call('GET', KEYS[12]) or '0') or 0
local beyondNetwork = network and networkCount >= tonumber(ARGV[28])
-- four times its hour's chats, a network is refused as a client over its own: behind or not, its chats would still
-- use up the node's chats of the minute (ConversationOpening), and so refuse everyone else's starts on the node
local refusedFrom = 4 -- times the network's hour's chats
if network and networkCount >= refusedFrom * tonumber(ARGV[28]) then
  return {'limited'}
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {'id_taken'}
end
if not redis.call('SET', KEYS[5], ARGV[1], 'NX') then
  return {'code_taken'}
end
-- the hour's counts end with the clock's window, not an hour after the key's first chat: their expiry, kept in Redis's
-- files with the key that names the client, must not tell when that chat started
local windowMillis = tonumber(ARGV[21]) * 1000
local windowEnds = (math.floor(nowMillis() / windowMillis) + 1) * windowMillis
if redis.call('INCR', KEYS[7]) == 1 then
  redis.call('PEXPIREAT', KEYS[7], windowEnds)
end
if network and redis.call('INCR', KEYS[12]) == 1 then
  redis.call('PEXPIREAT', KEYS[12], windowEnds)
end
redis.call('SET', KEYS[8], ARGV[19], 'EX', ARGV[22])
redis.call('SADD', KEYS[13], ARGV[1])
redis.call('EXPIRE', KEYS[13], ARGV[22])
redis.call('HSET', KEYS[1], 'status', 'waiting', 'createdAt', ARGV[4], 'secret', ARGV[5], 'role', ARGV[6],
  'language', ARGV[7], 'region', ARGV[8], 'topic', ARGV[9], 'children', ARGV[10], 'danger', ARGV[11], 'seq', 0,
  'score', ARGV[2], 'step', 0, 'resumeCode', ARGV[15], 'resumeCodeSealed', ARGV[31], 'dangerSaid', ARGV[11],
  'alternativesAt', ARGV[30] == '1' and ARGV[4] or '', 'clientWaiting', KEYS[13])
if ARGV[16] ~= '' then
  redis.call('HSET', KEYS[1], 'pageLanguage', ARGV[16])
end
local started = {'started'}
local score = ARGV[2]
if beyondNetwork then
  score = tonumber(ARGV[3]) + tonumber(ARGV[29])
  redis.call('HSET', KEYS[1], 'danger', 0, 'score', score, 'networkBehind', 1) -- nor later with the button
  if ARGV[11] == '1' then
    table.insert(started, 'behind')
  end
elseif ARGV[11] == '1' then
  local claim = claimDanger({dangerChats = KEYS[9], dangerCounts = KEYS[10], deadlines = KEYS[3],
    deadlineStats = KEYS[4], alertLog = KEYS[11], id = ARGV[1], conversationKeyPrefix = ARGV[23], window = ARGV[24],
    deadline = ARGV[25], recheck = ARGV[26], supervisorsChannel = ARGV[27], at = ARGV[4]})
  for _, part in ipairs(claim) do
    table.insert(started, part)
  end
  if claim[1] == 'granted' then
    -- raised now: the button pressed within a minute alerts no more; calmScore is its place if it waits its turn again
    redis.call('HSET', KEYS[1], 'dangerAt', ARGV[4], 'calmScore', ARGV[3])
    if claim[2] ~= 'counted' then -- counted: the alert of the key's chat that was left says it
      dangerAlert(KEYS[11], ARGV[27], ARGV[1], 'waiting', '', ARGV[4])
    end
  else
    score = ARGV[3]
    redis.call('HSET', KEYS[1], 'danger', 0, 'score', score)
  end
end
enterQueue(KEYS[2], score, ARGV[1])
if ARGV[13] ~= '' then
  setDeadline(KEYS[3], KEYS[4], tonumber(ARGV[13]), ARGV[14])
end
setDeadline(KEYS[3], KEYS[4], nowMillis() + tonumber(ARGV[18]), ARGV[17])
redis.call('PUBLISH', ARGV[12], 'queued')
return started
