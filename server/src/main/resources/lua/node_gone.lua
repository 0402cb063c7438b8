-- A node's lease deadline fired: the node renews it (renew_node.lua) while it runs, so it stopped without closing its
-- sockets (killed, its machine lost), or could not reach Redis for a whole lease. If its lease is still running (a
-- renewal raced the deadline) the deadline is set again; otherwise every visitor whose presence a socket of that node
-- still holds is away (connection_lost), as if that socket had closed: her chat leaves the queue, the hold deadline
-- gives her time to come back on another node, and her counsellor is told. A chat is never left open, in the queue or
-- with its counsellor, for a visitor whose node is gone. The chats are known only once the node's set is read, so
-- their keys are built here from the prefix (single Redis or Sentinel, not Cluster).
--
-- KEYS[1] deadlines
-- KEYS[2] deadlineStats
-- KEYS[3] nodeVisitors: the presences held by sockets of the node ('<conversation id>|<socket id>')
-- KEYS[4] nodeLease: present while the node's lease runs
-- KEYS[5] queue
-- ARGV[1] firedDeadline: the fired deadline member
-- ARGV[2] conversationKeyPrefix: conversation keys are this prefix and the id in braces
-- ARGV[3] conversationChannelPrefix: conversation channels are this prefix and the id
-- ARGV[4] now: ms
-- ARGV[5] hold: ms
-- Returns {'present'}, {'already'} or {'gone', number of visitors set away}.
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
return {'gone', count}
