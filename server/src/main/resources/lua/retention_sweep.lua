-- The retention sweep, run by every node each tick: the transcripts whose retention ran out are read once so that
-- Redis deletes them now (an expired key is deleted when it is read), and a rewrite of Redis's files is then owed.
-- One node takes each owed rewrite, at most one in each window: the window's marker is set with the rewrite, so the
-- nodes sharing this Redis do not each ask for one. The waits and assignments kept for the dashboard are trimmed too,
-- and the blocks that ended leave the supervisors' list (a block made again on the same key since stays listed).
--
-- Flags: allow-oom (its writes free memory, or nearly none)
-- KEYS[1] expiringTranscripts: conversation id -> when its transcript expires (ms, Redis time)
-- KEYS[2] diskPurgeOwed: a count of what left memory that the files Redis writes may still hold, raised each time
--   (INCR); deleted by the node that took the rewrite only once Redis has done it, and only while it holds the count
--   that node took (delete_if_equal.lua): what is erased meanwhile, or a node stopped before asking, owes another
-- KEYS[3] diskPurgeWindow: present while the window of the last rewrite runs
-- KEYS[4] waits
-- KEYS[5] recentAssignments
-- KEYS[6] blocks: every block, client key -> the block as JSON
-- KEYS[7] blockEnds: client key -> until (ms) of its listed block
-- ARGV[1] conversationKeyPrefix
-- ARGV[2] windowMillis: the shortest time between two rewrites
-- ARGV[3] batch: the most expired transcripts (and, apart, ended blocks) handled in one sweep
-- Returns {'rewrite', count} (this node has Redis rewrite its files now, then settles the count), {'owed'} (one is owed
-- after the window) or {'clean'}.
local now = nowMillis()
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - WAITS_KEPT)
redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', now - ASSIGNMENTS_KEPT)
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(due) do
  local conversation = hashTagged(ARGV[1], id)
  -- the transcript's keys (Keys.log, Keys.clientIds, Keys.notes)
  redis.call('EXISTS', conversation, conversation .. ':log', conversation .. ':ids', conversation .. ':notes')
  redis.call('ZREM', KEYS[1], id)
end
if #due > 0 then
  redis.call('INCR', KEYS[2])
end
for _, client in ipairs(redis.call('ZRANGEBYSCORE', KEYS[7], '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))) do
  local listing = redis.call('HGET', KEYS[6], client)
  if listing and tonumber(cjson.decode(listing)['until']) <= now then
    redis.call('HDEL', KEYS[6], client)
  end
  redis.call('ZREM', KEYS[7], client)
end
local owed = redis.call('GET', KEYS[2])
if not owed then
  return {'clean'}
end
if not redis.call('SET', KEYS[3], '1', 'NX', 'PX', tonumber(ARGV[2])) then
  return {'owed'}
end
return {'rewrite', owed}
