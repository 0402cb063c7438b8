-- The pieces the helpline's scripts share, written once: the top of the Redis function library (ScriptLibrary), whose
-- functions are the scripts. Only 'local' definitions: Redis refuses a library that creates a global, and runs no
-- command while it loads one. Line numbers in Redis's error messages count from the library's first line, the
-- '#!lua' line just before this file.
-- No KEYS, no ARGV: each function gets the keys and values it uses from its caller.

-- Now, in ms, by Redis's clock (TIME): every node's script agrees on it, whatever the nodes' own clocks say.
local function nowMillis()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

-- The key of a conversation or counsellor whose id the script learned while running: the prefix the caller passed
-- (Keys.CONVERSATION_PREFIX, Keys.COUNSELLOR_PREFIX) and the id in braces, the hash tag.
local function hashTagged(prefix, id)
  return prefix .. '{' .. id .. '}'
end

-- The deadline member of an offer (Deadline.offer in Java).
local function offerDeadline(conversationId, version)
  return 'offer|' .. conversationId .. '|' .. version
end

-- The deadline member of the hold of a conversation whose visitor left (Deadline.hold).
local function holdDeadline(conversationId)
  return 'hold|' .. conversationId
end

-- Sets a deadline, or moves it when it exists; a new one is counted as created.
local function setDeadline(deadlines, stats, dueAt, member)
  if redis.call('ZADD', deadlines, dueAt, member) == 1 then
    redis.call('HINCRBY', stats, 'created', 1)
  end
end

-- Takes one back from a count (a failure counted before its check), not below zero.
local function takeBack(count)
  if tonumber(redis.call('GET', count) or '0') > 0 then
    redis.call('DECR', count)
  end
end

-- Removes a pending deadline and counts it as 'fired' or 'cancelled'; false when it was not pending (another node
-- fired it, or it was cancelled before).
local function settleDeadline(deadlines, stats, member, how)
  if redis.call('ZREM', deadlines, member) == 1 then
    redis.call('HINCRBY', stats, how, 1)
    return true
  end
  return false
end

-- Forgets the consoles whose lease ran out and answers how many are live.
local function liveConsoles(consoles, now)
  redis.call('ZREMRANGEBYSCORE', consoles, '-inf', now)
  return redis.call('ZCARD', consoles)
end

-- Whether a console's lease runs past now, changing nothing (for the scripts that only read).
local function hasLiveConsole(consoles, now)
  return redis.call('ZCOUNT', consoles, '(' .. now, '+inf') > 0
end

-- A counsellor's load against their capacity: the chats they hold and those offered to them.
local function counsellorLoad(conversations, offers)
  return redis.call('SCARD', conversations) + redis.call('SCARD', offers)
end

-- What routing reads of a counsellor whose hash is `base`, appended to `result`: her id, when she was last given a
-- chat (ms; `lastAssignedAt` as her hash holds it), chats held + offered, and the ms left of her wrap-up after a chat
-- ended (0 when none, -1 for a marker with no expiry).
local function appendCounsellorRead(result, base, id, lastAssignedAt)
  result[#result + 1] = id
  result[#result + 1] = lastAssignedAt or '0'
  result[#result + 1] = tostring(counsellorLoad(base .. ':conversations', base .. ':offers'))
  local wrapUpLeft = redis.call('PTTL', base .. ':wrapUp') -- -2: none; -1: no expiry
  result[#result + 1] = tostring(wrapUpLeft == -2 and 0 or wrapUpLeft)
end

-- How long the waits (25 h) and the assignments (1 h) are kept, ms: trimmed as entries are added and by the
-- retention sweep, so that a quiet night keeps none longer.
local WAITS_KEPT = 90000000
local ASSIGNMENTS_KEPT = 3600000

-- How long a chat waited, for the service level (the last 25 hours are kept): kind 'a' scored by its first answer,
-- 'u' by its unanswered end.
local function recordWait(waits, at, conversationId, waited, kind)
  redis.call('ZADD', waits, at, conversationId .. '|' .. waited .. '|' .. kind)
  redis.call('ZREMRANGEBYSCORE', waits, '-inf', at - WAITS_KEPT)
end

-- Gives a chat to a counsellor: active, theirs, counted in their load and in the last hour's assignments; the first
-- answer of the chat records how long it waited; the visitor's and the counsellor's channels are told.
-- a: conversation, held, active, recent, waits (keys); id, counsellorId, name, association, now, waited;
-- conversationChannel, counsellorChannel.
local function assign(a)
  redis.call('HSET', a.conversation, 'status', 'active', 'counsellor', a.counsellorId, 'counsellorName', a.name,
    'association', a.association, 'assignedAt', a.now)
  redis.call('SADD', a.held, a.id)
  redis.call('SADD', a.active, a.id)
  redis.call('ZADD', a.recent, a.now, a.id .. '|' .. a.now)
  redis.call('ZREMRANGEBYSCORE', a.recent, '-inf', a.now - ASSIGNMENTS_KEPT)
  if redis.call('HSETNX', a.conversation, 'answeredAt', a.now) == 1 then
    recordWait(a.waits, a.now, a.id, a.waited, 'a')
  end
  local event = cjson.encode({type = 'assigned', conversation = a.id,
    counsellor = {name = a.name, association = a.association}})
  redis.call('PUBLISH', a.conversationChannel, event)
  redis.call('PUBLISH', a.counsellorChannel, event)
end

-- Every change of the queue is published on the channel named after the queue key and ':changes'
-- (Keys.QUEUE_CHANGES), so that each node keeps its own copy of the queue's order (QueueMirror) and pushes positions
-- only when they change: '+|<score>|<id>' when a chat enters the queue or its score changes, '-|<id>' when it leaves.
-- The score is written as Redis stores it (17 significant digits).

-- Puts a chat in the queue (or moves it) with this score; 'NX' or 'XX' as ZADD takes them, or nil.
local function enterQueue(queue, score, conversationId, condition)
  local changed
  if condition then
    changed = redis.call('ZADD', queue, condition, 'CH', score, conversationId)
  else
    changed = redis.call('ZADD', queue, 'CH', score, conversationId)
  end
  if changed == 1 then
    redis.call('PUBLISH', queue .. ':changes', '+|' .. string.format('%.17g', tonumber(score)) .. '|' .. conversationId)
  end
end

-- Takes a chat out of the queue; true when it was in it.
local function leaveQueue(queue, conversationId)
  if redis.call('ZREM', queue, conversationId) == 1 then
    redis.call('PUBLISH', queue .. ':changes', '-|' .. conversationId)
    return true
  end
  return false
end

-- Puts a chat that was held or offered back in the queue with its original score (its age): waiting, nobody's. A chat
-- whose visitor is away waits out of the queue, and comes back into it with that score when they return.
local function requeue(conversation, queue, conversationId, score)
  redis.call('HSET', conversation, 'status', 'waiting')
  local answeredBy = redis.call('HGET', conversation, 'association')
  if answeredBy then -- an answered chat that ends before it is answered again is counted under this association
    redis.call('HSET', conversation, 'lastAssociation', answeredBy)
  end
  redis.call('HDEL', conversation, 'counsellor', 'counsellorName', 'association', 'offeredTo', 'offerExpiresAt')
  if not redis.call('HGET', conversation, 'visitorAway') then
    enterQueue(queue, score, conversationId)
  end
end

-- The visitor of an open conversation is away: her socket that held the presence left (visitor_away.lua) or its node
-- is gone (node_gone.lua). A waiting chat leaves the queue meanwhile (keeping its score), the hold deadline gives her
-- time to come back, and the counsellor is told. v: conversation, deadlines, deadlineStats, queue (keys); id, status,
-- reason, now, hold (ms), conversationChannel.
local function visitorLeft(v)
  redis.call('HDEL', v.conversation, 'visitorSocket')
  -- awaySeq: how far the chat went when she left, kept after the end: what came after is what she never saw
  redis.call('HSET', v.conversation, 'visitorAway', v.reason, 'visitorAwaySince', v.now,
    'awaySeq', redis.call('HGET', v.conversation, 'seq') or '0')
  if v.status == 'waiting' then
    leaveQueue(v.queue, v.id)
  end
  setDeadline(v.deadlines, v.deadlineStats, tonumber(v.now) + tonumber(v.hold), holdDeadline(v.id))
  redis.call('PUBLISH', v.conversationChannel, cjson.encode({type = 'visitor_presence', conversation = v.id,
    present = false, reason = v.reason, at = tonumber(v.now)}))
end

-- A conversation as the queue scripts return it: id, status ('' when it does not exist), arrival, triage codes, step,
-- and the language of the visitor's page ('' when not given).
-- danger: she said she is in danger now (at the start or with the button), as staff are shown it, whether or not her
-- chat has the queue's danger priority (a further chat of the same client waits its turn: its score says so).
local function queueEntry(conversation, conversationId)
  local c = redis.call('HMGET', conversation, 'status', 'createdAt', 'role', 'language', 'region', 'topic',
    'children', 'danger', 'step', 'dangerSaid', 'pageLanguage')
  return {id = conversationId, status = c[1] or '', createdAt = tonumber(c[2] or '0'), role = c[3] or '',
    language = c[4] or '', region = c[5] or '', topic = c[6] or '', children = c[7] == '1',
    danger = c[8] == '1' or c[10] == '1', step = tonumber(c[9] or '0'), pageLanguage = c[11] or ''}
end

-- A Lua list as a JSON array (cjson writes an empty table as an object).
local function jsonArray(list)
  if #list == 0 then
    return '[]'
  end
  return cjson.encode(list)
end

-- Adds one to each figure of an association in a day's anonymous statistics (docs/observatory.md): one hash per day
-- of the helpline's calendar (statistics.timeZone; the caller names the day's key), fields '<association>|<figure>'
-- ('-' when nobody answered), kept for keepSeconds from now (the caller's: statistics.keepDays after the day is
-- over). No conversation id and no time finer than the day go in.
local function countStatistics(day, association, figures, keepSeconds)
  local prefix = ((association and association ~= '') and association or '-') .. '|'
  for _, figure in ipairs(figures) do
    redis.call('HINCRBY', day, prefix .. figure, 1)
  end
  redis.call('EXPIRE', day, keepSeconds)
end

-- Counts a chat that just ended (outcome as end_conversation names it) in the day's statistics, under the association
-- that held it last if answered: received, how it ended, the answer against the service level (ms) and the bucket of
-- its wait (upper bound in s), the role, children, in danger (with the priority, or said while another chat of the same
-- client had it: dangerSaid) and risk level of its triage and case record.
local function countEndedChat(day, conversation, outcome, serviceLevel, keepSeconds)
  local c = redis.call('HMGET', conversation, 'association', 'role', 'children', 'danger', 'risk', 'createdAt',
    'answeredAt', 'lastAssociation', 'dangerSaid')
  local ending = {answered = 'answered', redirected = 'redirected', left_after_alternative = 'leftAfterAlternative',
    left_without_alternative = 'unansweredWithoutAlternative'}
  local figures = {'received', ending[outcome], 'role.' .. ((c[2] and c[2] ~= '') and c[2] or 'notSaid'),
    c[3] == '1' and 'children.yes' or 'children.notSaid', (c[4] == '1' or c[9] == '1') and 'inDanger.yes' or 'inDanger.notSaid',
    'risk.' .. (c[5] or 'notAssessed')}
  if outcome == 'answered' then
    local waited = tonumber(c[7] or c[6] or 0) - tonumber(c[6] or 0)
    table.insert(figures, waited <= serviceLevel and 'answeredWithinServiceLevel' or 'answeredAfterServiceLevel')
    local bucket = '>3600'
    for _, bound in ipairs({10, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1200, 1800, 3600}) do
      if waited <= bound * 1000 then
        bucket = tostring(bound)
        break
      end
    end
    table.insert(figures, 'wait.' .. bucket)
  end
  countStatistics(day, outcome == 'answered' and (c[1] or c[8]) or '-', figures, keepSeconds)
end

-- Appends a private note or supervision entry to a conversation's notes, unless the conversation has maxNotes of its
-- kind already (counted in the hash field counter: 'notesCount' or 'supervisionCount', so that supervision entries
-- never use up the counsellor's notes); tells the consoles on channel. False when full (nothing written, nobody told).
local function pushNote(conversation, counter, notes, note, maxNotes, channel, event)
  if tonumber(redis.call('HGET', conversation, counter) or '0') >= tonumber(maxNotes) then
    return false
  end
  redis.call('HINCRBY', conversation, counter, 1)
  redis.call('RPUSH', notes, note)
  if channel then -- nobody to tell when no counsellor holds the chat
    redis.call('PUBLISH', channel, event)
  end
  return true
end

-- Where a chat that claimed a danger priority stands: nil once it no longer waits for a counsellor (answered, ended,
-- erased), 'away' while it waits with its visitor gone (held out of the queue, it holds the priority for nobody and
-- is raised by nobody until she returns), else 'here'.
local function dangerStanding(conversationKeyPrefix, conversationId)
  local conv = redis.call('HMGET', hashTagged(conversationKeyPrefix, conversationId), 'status', 'visitorAway')
  if conv[1] ~= 'waiting' and conv[1] ~= 'offered' then
    return nil
  end
  return conv[2] and 'away' or 'here'
end

-- Whether a chat that claimed its client key's danger priority still waits for a counsellor (waiting or offered).
local function waitsInDanger(conversationKeyPrefix, conversationId)
  return dangerStanding(conversationKeyPrefix, conversationId) ~= nil
end

-- A client key's claimed in-danger chats (dangerChats, id -> claim time) that still wait, in claim order, those no
-- longer waiting forgotten, those whose visitor is away (and the chat except, if given) passed over: id, the one
-- given the priority (an entry in dangerCounts), if one waits; next, the first grouped one (no entry); more, whether
-- another grouped one waits behind next; awayHolder, the first chat given the priority whose visitor is away.
local function dangerHolder(dangerChats, dangerCounts, conversationKeyPrefix, except)
  local found = {more = false}
  for _, id in ipairs(redis.call('ZRANGE', dangerChats, 0, -1)) do
    local standing = dangerStanding(conversationKeyPrefix, id)
    if standing == nil then
      redis.call('ZREM', dangerChats, id)
      redis.call('HDEL', dangerCounts, id)
    elseif standing == 'away' or id == except then
      -- kept: a visitor who returns finds her claim where it was (visitor_attach.lua); away, the first of those given
      -- the priority is awayHolder: the chat whose supervisors' alert stands for the key's claims meanwhile
      if standing == 'away' and found.awayHolder == nil and redis.call('HEXISTS', dangerCounts, id) == 1 then
        found.awayHolder = id
      end
    elseif redis.call('HEXISTS', dangerCounts, id) == 1 then
      found.id = found.id or id
    elseif found.next == nil then
      found.next = id
    else
      found.more = true
    end
  end
  return found
end

-- Every alert for the supervisors goes through here: it is kept in the alert log (key log, a stream of the last 1,000,
-- those older than a day trimmed at each new one, the whole log expiring a day after the last: each alert is kept
-- less than two days; each entry's field 'a' the alert) and published with its log id as its first field "id", so
-- that a supervisor's socket can read what it missed: its node's pub/sub connection dropped, or the page reconnected.
-- An alert is a JSON object with fields ('{"type":"alert",...}').
local function alertSupervisors(log, channel, alert)
  local id = redis.call('XADD', log, 'MAXLEN', 1000, '*', 'a', alert)
  redis.call('XTRIM', log, 'MINID', nowMillis() - 86400000)
  redis.call('PEXPIRE', log, 86400000)
  redis.call('PUBLISH', channel, '{"id":"' .. id .. '",' .. string.sub(alert, 2))
end

-- Alerts the supervisors that chat id is in danger: status and association as it is now (a waiting chat has none),
-- at (ms, the node's clock), and count (or nil) when it is the chat holding its client key's priority, counting the
-- in-danger chats it now stands for.
local function dangerAlert(log, channel, id, status, association, at, count)
  alertSupervisors(log, channel, cjson.encode({type = 'alert', kind = 'danger', conversation = id, status = status,
    association = association, at = tonumber(at), count = count}))
end

-- A waiting chat of a client key asks for the danger priority (it starts "in danger now", or its visitor pressed it):
-- it gets it unless another chat of the same key that was given it still waits. The key's claimed chats are kept by
-- the time they asked (Redis time), the grouped ones too; a chat given the priority has an entry in dangerCounts. Those
-- no longer waiting leave. A refused claim is counted under the chat that holds the priority, so supervisors see one
-- alert with a count, and the chat itself remembers it was said (dangerSaid, for the statistics). A grouped claim sets
-- the key's danger deadline (promote_danger.lua), which raises the grouped chats in their turn. The claiming chat
-- exists already (a start creates it, waiting, just before it claims, in the same script).
-- A grouped claim renews the supervisors' alert of the chat holding the priority with its count, in the same script,
-- so that the alert goes out exactly when the claim is counted.
-- c: dangerChats (id -> ms), dangerCounts (id of a chat given the priority -> claims grouped under it, itself
-- included), deadlines, deadlineStats, alertLog (keys); id, conversationKeyPrefix, window (seconds the two keys are kept after
-- the last claim or look), deadline (the key's danger deadline, danger|<client key>), recheck (ms between two looks at
-- the grouped chats), supervisorsChannel, at (ms, the node's clock: the alert's time).
-- Answers {'granted'}, {'behind'} (a chat started behind its network: no priority), or {'grouped', holder id, count}.
local function claimDanger(c)
  local now = nowMillis()
  if not waitsInDanger(c.conversationKeyPrefix, c.id) then
    return {'granted'}
  end
  -- started beyond its network's chats of the hour (an IPv6 /48): it waits behind, and the button buys it no priority
  if redis.call('HEXISTS', hashTagged(c.conversationKeyPrefix, c.id), 'networkBehind') == 1 then
    return {'behind'}
  end
  local holder = dangerHolder(c.dangerChats, c.dangerCounts, c.conversationKeyPrefix)
  local firstClaim = redis.call('ZADD', c.dangerChats, 'NX', now, c.id) == 1
  -- where its claim is kept, for her return after she left (visitor_attach.lua)
  redis.call('HSET', hashTagged(c.conversationKeyPrefix, c.id), 'dangerChats', c.dangerChats,
    'dangerCounts', c.dangerCounts, 'dangerDeadline', c.deadline)
  redis.call('EXPIRE', c.dangerChats, c.window)
  if holder.id == nil or holder.id == c.id then
    redis.call('HSETNX', c.dangerCounts, c.id, 1)
    redis.call('EXPIRE', c.dangerCounts, c.window) -- after the write: an EXPIRE of a key not made yet does nothing
    if holder.awayHolder and holder.awayHolder ~= c.id and firstClaim then
      -- given it while the key's chat that held it waits with its visitor gone (she may be starting again): the
      -- supervisors' alert of that chat counts this one, as for a grouped claim, and no new alert sounds; told now
      -- (dangerAt), so that raising it makes no alert either. Leaving and starting again buys a script no alerts.
      local count = redis.call('HINCRBY', c.dangerCounts, holder.awayHolder, 1)
      dangerAlert(c.alertLog, c.supervisorsChannel, holder.awayHolder, 'waiting', '', c.at, count)
      redis.call('HSET', hashTagged(c.conversationKeyPrefix, c.id), 'dangerAt', c.at, 'dangerSaid', 1)
      return {'granted', 'counted'}
    end
    return {'granted'}
  end
  if not firstClaim then -- this chat is counted already: pressed again, it counts and alerts no more
    return {'grouped', holder.id, tonumber(redis.call('HGET', c.dangerCounts, holder.id) or '1')}
  end
  redis.call('HSET', hashTagged(c.conversationKeyPrefix, c.id), 'dangerSaid', 1)
  if not redis.call('ZSCORE', c.deadlines, c.deadline) then
    setDeadline(c.deadlines, c.deadlineStats, now + tonumber(c.recheck), c.deadline)
  end
  local count = redis.call('HINCRBY', c.dangerCounts, holder.id, 1)
  redis.call('EXPIRE', c.dangerCounts, c.window)
  dangerAlert(c.alertLog, c.supervisorsChannel, holder.id, 'waiting', '', c.at, count)
  return {'grouped', holder.id, count}
end

-- A chat raised to danger less than this long ago (ms) is not raised, nor told of, again: the button pressed again
-- and again (in fear, or by a script) alerts supervisors and the counsellor once a minute at most.
local DANGER_TOLD_AGAIN_AFTER = 60000

-- Gives a chat the danger class: its score moves up to what it would have had arriving in danger, supervisors are
-- alerted at once, routing looks again, and its counsellor, if any, sees the danger. Answers the chat's status, or
-- 'missing'. d: conversation, queue, alertLog (keys); id, headStart (ms), supervisorsChannel, routingChannel,
-- conversationChannel, now; inTurn (a grouped chat raised in its turn: raised and told whenever it was last).
local function raiseDanger(d)
  local conv = redis.call('HMGET', d.conversation, 'status', 'createdAt', 'score', 'association', 'danger', 'dangerAt')
  if not conv[1] then
    return 'missing'
  end
  if conv[1] == 'ended' then
    return 'ended'
  end
  -- told less than a minute ago: a press again changes nothing; a chat raised in its turn again (it left and came back
  -- while another of its network held the priority) is raised, but neither supervisors nor its counsellor are told
  -- again, or two chats passing the priority to and fro would alert without end
  local toldRecently = tonumber(d.now) - tonumber(conv[6] or '0') < DANGER_TOLD_AGAIN_AFTER
  if not d.inTurn and conv[5] == '1' and toldRecently then
    return conv[1]
  end
  local raised = tonumber(conv[2]) - tonumber(d.headStart)
  if raised < tonumber(conv[3]) then
    redis.call('HSETNX', d.conversation, 'calmScore', conv[3]) -- its place if it has to wait its turn again
    redis.call('HSET', d.conversation, 'score', raised)
    if conv[1] == 'waiting' then
      enterQueue(d.queue, raised, d.id, 'XX')
    end
  end
  redis.call('HSET', d.conversation, 'danger', 1)
  redis.call('PUBLISH', d.routingChannel, 'danger')
  if toldRecently then
    return conv[1]
  end
  redis.call('HSET', d.conversation, 'dangerAt', d.now)
  dangerAlert(d.alertLog, d.supervisorsChannel, d.id, conv[1], conv[4] or '', d.now)
  redis.call('PUBLISH', d.conversationChannel, cjson.encode({type = 'danger', conversation = d.id,
    at = tonumber(d.now)}))
  return conv[1]
end

-- The entry (text) of escalation id among the record's entries from index first to last (-1: the oldest), and its
-- index; nil when it is not among them.
local function escalationBetween(escalations, id, first, last)
  local entries = redis.call('LRANGE', escalations, first, last)
  for i, entry in ipairs(entries) do
    if string.find(entry, '"id":"' .. id .. '"', 1, true) then
      return entry, first + i - 1
    end
  end
  return nil
end

-- Keeps the summary of an escalation (which line, by whom, when; no text) with a conversation the counsellor holds, or
-- held when it ended (an escalation of what she said before she left), so that whoever holds the chat next (after a
-- transfer, or on a console that reconnects) sees it: the latest maxEscalations, oldest first, each as the JSON text
-- given, in its hash's field 'escalations' (which goes with the conversation: end_conversation.lua). The same summary
-- again is kept once. False (nothing kept) when the chat is not hers.
local function keepEscalationSummary(conversation, counsellorId, summary, maxEscalations)
  local conv = redis.call('HMGET', conversation, 'status', 'counsellor', 'escalations')
  if (conv[1] ~= 'active' and conv[1] ~= 'ended') or conv[2] ~= counsellorId then
    return false
  end
  local kept = conv[3] and cjson.decode(conv[3]) or {}
  for _, known in ipairs(kept) do
    if known == summary then
      return true
    end
  end
  kept[#kept + 1] = summary
  while #kept > tonumber(maxEscalations) do
    table.remove(kept, 1)
  end
  redis.call('HSET', conversation, 'escalations', cjson.encode(kept))
  return true
end

-- The entry (text) of escalation id among the newest of the record, and its index; nil when it is not among them.
local function escalationEntry(escalations, id, searched)
  return escalationBetween(escalations, id, 0, tonumber(searched) - 1)
end

-- The same anywhere in the record: among the newest first, then among the older ones (an entry pushed past the
-- newest by many others while its outcome was delayed: rare, so the long read is paid only then).
local function escalationAnywhere(escalations, id, searched)
  local entry, index = escalationEntry(escalations, id, searched)
  if entry then
    return entry, index
  end
  return escalationBetween(escalations, id, tonumber(searched), -1)
end

-- An escalation entry's text with its webhook outcome 'from' replaced by 'to' (the rest kept exactly as written),
-- and 1, or the entry unchanged and 0 when its outcome is not 'from'.
local function withWebhook(entry, from, to)
  return string.gsub(entry, '"webhook":"' .. from .. '"', '"webhook":"' .. to .. '"', 1)
end

-- The supervisors' alert about an escalation record's entry (decoded): its webhook's outcome not written in time
-- (kind 'escalation_unconfirmed'), written after all (kind 'escalation_settled'), or 'failed' or 'dropped' (kind
-- 'escalation_failed'). No text: the entry has none.
local function escalationAlert(kind, entry)
  return cjson.encode({type = 'alert', kind = kind, escalation = entry.id, association = entry.association,
    target = entry.target, targetName = entry.targetName, targetKind = entry.targetKind, webhook = entry.webhook,
    at = entry.at, conversation = entry.conversation, counsellor = entry.counsellor})
end
