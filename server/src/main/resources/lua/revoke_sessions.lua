-- Ends every session of a counsellor at once (a supervisor's revocation): each session in her index is deleted, the
-- index with them, and every node is told to close their consoles' sockets, in one step: no session is deleted but left
-- open on its consoles until the next renewal, and no login lands between the read of the index and the deletes. The
-- sessions' keys are built here from the prefix (single Redis or Sentinel, not Cluster).
--
-- KEYS[1] index: the counsellor's session digests
-- ARGV[1] sessionKeyPrefix: a session's hash is this followed by its digest
-- ARGV[2] sessionsChannel: the counsellor's sessions channel
-- ARGV[3] revoked: what is told there (JSON)
-- Returns how many sessions there were.
local digests = redis.call('SMEMBERS', KEYS[1])
for _, digest in ipairs(digests) do
  redis.call('DEL', ARGV[1] .. digest)
end
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[2], ARGV[3])
return #digests
