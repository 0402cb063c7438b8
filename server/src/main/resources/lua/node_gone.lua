-- A node's lease deadline fired: the node renews it (renew_node.lua) while it runs, so it stopped without closing its
-- sockets (killed, its machine lost), or could not reach Redis for a whole lease. If its lease is still running (a
-- renewal raced the deadline) the deadline is set again; otherwise every visitor whose presence a socket of that node
-- still holds is away (connection_lost), as if that socket had closed: her chat leaves the queue, the hold deadline
-- gives her time to come back on another node, and her counsellor is told. A chat is never left open, in the queue or
-- with its counsellor, for a visitor whose node is gone. The chats are known only once the node's set is read, so
-- their keys are built here from the prefix (single Redis or Sentinel, not Cluster).
-- The monitorings its supervisor sockets still held are answered, for the caller to end each as the socket's would
-- have been (record_supervision.lua, which forgets it in the set; one the same page took on elsewhere since, or that
-- ended, is left as it is). While any is left in the set, the node's deadline is set again retryAfter ahead, so that
-- an end the caller could not record is tried again; none is lost with the node that fired it.
--
-- KEYS[1] deadlines
-- KEYS[2] deadlineStats
-- KEYS[3] nodeVisitors: the presences held by sockets of the node ('<conversation id>|<socket id>')
-- KEYS[4] nodeLease: present while the node's lease runs
-- KEYS[5] queue
-- KEYS[6] nodeMonitorings: the monitorings held by supervisor sockets of the node
--   ('<conversation id>|<monitoring id>|<socket id>|<supervisor id>')
-- ARGV[1] firedDeadline: the fired deadline member
-- ARGV[2] conversationKeyPrefix: conversation keys are this prefix and the id in braces
-- ARGV[3] conversationChannelPrefix: conversation channels are this prefix and the id
-- ARGV[4] now: ms
-- ARGV[5] hold: ms
-- ARGV[6] retryAfter: ms before the node's deadline fires again while monitorings are left
-- Returns {'present'}, {'already'} or {'gone', number of visitors set away, each monitoring left...}.
if not settleDeadline(KEYS[1], KEYS[2], ARGV[1], 'fired') then
  return {'already'}
end
local left = redis.call('PTTL', KEYS[4])
if left > 0 then
  setDeadline(KEYS[1], KEYS[2], nowMillis() + left, ARGV[1])
  return {'present'}
end
local count = 0
for _, held in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  local id, socket = string.match(held, '^([^|]+)|(.+)$')
  if id then
    local key = hashTagged(ARGV[2], id)
    redis.call('ZREM', key .. ':sockets', socket) -- Keys.visitorSockets
    local conv = redis.call('HMGET', key, 'status', 'visitorSocket')
    if conv[1] and conv[1] ~= 'ended' and conv[2] == socket then
      visitorLeft({conversation = key, deadlines = KEYS[1], deadlineStats = KEYS[2], queue = KEYS[5], id = id,
        status = conv[1], reason = 'connection_lost', now = ARGV[4], hold = ARGV[5],
        conversationChannel = ARGV[3] .. id})
      count = count + 1
    end
  end
end
redis.call('DEL', KEYS[3])
local reply = {'gone', count}
for _, monitoring in ipairs(redis.call('SMEMBERS', KEYS[6])) do
  reply[#reply + 1] = monitoring
end
if #reply > 2 then
  setDeadline(KEYS[1], KEYS[2], nowMillis() + tonumber(ARGV[6]), ARGV[1])
end
return reply
