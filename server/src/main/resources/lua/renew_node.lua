-- A running node renews its lease: the lease key lives for the lease, and the node's deadline is moved to its end, so
-- that when the node stops renewing, another node fires it (node_gone.lua) and sets its visitors away.
--
-- KEYS[1] deadlines
-- KEYS[2] deadlineStats
-- KEYS[3] nodeLease
-- ARGV[1] nodeDeadline: the node's deadline member
-- ARGV[2] lease: ms
-- Returns 'renewed', or 'lapsed' when no lease was running (the node's first renewal, or one after its lease ran
-- out: its visitors may have been set away meanwhile).
local lapsed = redis.call('EXISTS', KEYS[3]) == 0
redis.call('SET', KEYS[3], '1', 'PX', ARGV[2])
setDeadline(KEYS[1], KEYS[2], nowMillis() + tonumber(ARGV[2]), ARGV[1])
return lapsed and 'lapsed' or 'renewed'
