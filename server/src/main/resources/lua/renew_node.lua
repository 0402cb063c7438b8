-- A running node renews its lease: the lease key lives for the lease, and the node's deadline is moved to its end, so
-- that when the node stops renewing, another node fires it (node_gone.lua) and sets its visitors away. Each renewal
-- also forgets up to 50 of the node's presences picked at random that no longer hold (the chat ended or was erased,
-- or another socket of hers holds it now: those sockets never report a departure), so that the list stays the size
-- of the node's live visitors; and as many of its monitorings that no socket of the node holds any more (the chat
-- ended or was erased, or another socket of the page took it on: a chat's end ends its monitorings unrecorded).
--
-- KEYS[1] deadlines
-- KEYS[2] deadlineStats
-- KEYS[3] nodeLease
-- KEYS[4] nodeVisitors: the presences held by the node's sockets ('<conversation id>|<socket id>')
-- KEYS[5] nodeMonitorings: the monitorings held by the node's supervisor sockets
--   ('<conversation id>|<monitoring id>|<socket id>|<supervisor id>')
-- ARGV[1] nodeDeadline: the node's deadline member
-- ARGV[2] lease: ms
-- ARGV[3] conversationKeyPrefix: conversation keys are this prefix and the id in braces
-- Returns 'renewed', or 'lapsed' when no lease was running (the node's first renewal, or one after its lease ran
-- out: its visitors may have been set away meanwhile).
local lapsed = redis.call('EXISTS', KEYS[3]) == 0
redis.call('SET', KEYS[3], '1', 'PX', ARGV[2])
setDeadline(KEYS[1], KEYS[2], nowMillis() + tonumber(ARGV[2]), ARGV[1])
for _, held in ipairs(redis.call('SRANDMEMBER', KEYS[4], 50)) do
  local id, socket = string.match(held, '^([^|]+)|(.+)$')
  if not id or redis.call('HGET', hashTagged(ARGV[3], id), 'visitorSocket') ~= socket then
    redis.call('SREM', KEYS[4], held)
  end
end
for _, held in ipairs(redis.call('SRANDMEMBER', KEYS[5], 50)) do
  local id, monitoring, socket = string.match(held, '^([^|]+)|([^|]+)|([^|]+)|')
  local conv = id and redis.call('HMGET', hashTagged(ARGV[3], id), 'status', 'monitoring:' .. monitoring)
  if not id or not conv[1] or conv[1] == 'ended' or conv[2] ~= socket then
    redis.call('SREM', KEYS[5], held)
  end
end
return lapsed and 'lapsed' or 'renewed'
