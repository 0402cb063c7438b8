-- A visitor's socket takes the conversation's presence: last attached wins. The visitor is no longer away, the hold
-- deadline is cancelled, the counsellor is told they came back, and a waiting chat is queued again with its score. Other sockets of the visitor learn that they no
-- longer hold the presence (and, after a resume by code, that they are replaced). The visitor's sockets are kept by
-- the time they attached; beyond maxSockets the oldest are told to close (evicted), whatever the node holding them.
-- The first attachment of a conversation (a start: no socket ever held it) tells nobody, as there is nobody to tell,
-- and cancels its start deadline.
-- A waiting chat in danger that comes back finds its claim where it left it (prelude's dangerHolder passes over the
-- chats whose visitor is away): given the priority, it keeps it unless another chat of its client key's network took
-- it meanwhile, and then waits its turn with its place before danger (calmScore), as a grouped chat; grouped, it is
-- raised in its turn. Either way the key's danger deadline looks again. So a script that leaves and returns cannot
-- hold the priority with many chats at once, and a visitor who left is not the one holding it for the others.
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] deadlines
-- KEYS[3] deadlineStats
-- KEYS[4] sockets: the visitor's sockets attached to the conversation (socket id -> ms)
-- KEYS[5] queue
-- KEYS[6] nodeVisitors: the presences held by sockets of this socket's node ('<conversation id>|<socket id>'), so
-- that when the node is gone another marks its visitors away (node_gone.lua)
-- ARGV[1] conversationId
-- ARGV[2] socketId
-- ARGV[3] holdDeadline: the hold deadline member
-- ARGV[4] conversationChannel
-- ARGV[5] now: ms
-- ARGV[6] replaceOthers: '1' when the other sockets are replaced (resume by code), else '0'
-- ARGV[7] maxSockets: visitor sockets attached at once, at most
-- ARGV[8] keepSockets: seconds the list of sockets is kept after the last attachment
-- ARGV[9] routingChannel
-- ARGV[10] startDeadline: the start deadline member
-- ARGV[11] conversationKeyPrefix
-- ARGV[12] recheck: ms until the key's danger deadline looks again
-- Returns the reason the visitor was away ('' when they were not), or 'ended'.
local conv = redis.call('HMGET', KEYS[1], 'status', 'visitorAway', 'score', 'visitorSocket')
if not conv[1] or conv[1] == 'ended' then
  return 'ended'
end
redis.call('HSET', KEYS[1], 'visitorSocket', ARGV[2])
redis.call('SADD', KEYS[6], ARGV[1] .. '|' .. ARGV[2])
redis.call('ZADD', KEYS[4], ARGV[5], ARGV[2])
redis.call('EXPIRE', KEYS[4], ARGV[8])
local attached = {type = 'visitor_attached', ['for'] = 'visitor', socket = ARGV[2], replace = ARGV[6] == '1'}
local sockets = redis.call('ZCARD', KEYS[4])
local extra = sockets - tonumber(ARGV[7])
if extra > 0 then
  local evicted = {}
  local oldest = redis.call('ZPOPMIN', KEYS[4], extra)
  for i = 1, #oldest, 2 do
    evicted[#evicted + 1] = oldest[i]
  end
  attached.evicted = evicted
end
if sockets > 1 or conv[2] or conv[4] then
  redis.call('PUBLISH', ARGV[4], cjson.encode(attached))
else
  settleDeadline(KEYS[2], KEYS[3], ARGV[10], 'cancelled')
end
if not conv[2] then
  return ''
end
redis.call('HDEL', KEYS[1], 'visitorAway', 'visitorAwaySince', 'awaySeq')
local score = conv[3]
local claim = redis.call('HMGET', KEYS[1], 'dangerChats', 'dangerCounts', 'dangerDeadline', 'calmScore')
-- offered too: the offer may come back to the queue (declined, timed out) with the score it has then
if (conv[1] == 'waiting' or conv[1] == 'offered') and claim[1] and redis.call('ZSCORE', claim[1], ARGV[1]) then
  local holder = dangerHolder(claim[1], claim[2], ARGV[11], ARGV[1])
  if holder.id and redis.call('HDEL', claim[2], ARGV[1]) == 1 then
    score = claim[4] or score
    redis.call('HSET', KEYS[1], 'danger', 0, 'score', score, 'dangerSaid', 1) -- said all the same, for the statistics
  end
  if redis.call('HEXISTS', claim[2], ARGV[1]) == 0 and not redis.call('ZSCORE', KEYS[2], claim[3]) then
    setDeadline(KEYS[2], KEYS[3], tonumber(ARGV[5]) + tonumber(ARGV[12]), claim[3])
  end
end
if conv[1] == 'waiting' and score then
  enterQueue(KEYS[5], score, ARGV[1], 'NX')
  redis.call('PUBLISH', ARGV[9], 'queued')
end
settleDeadline(KEYS[2], KEYS[3], ARGV[3], 'cancelled')
redis.call('PUBLISH', ARGV[4], cjson.encode({type = 'visitor_presence', conversation = ARGV[1], present = true,
  reason = 'returned', at = tonumber(ARGV[5])}))
return conv[2]
