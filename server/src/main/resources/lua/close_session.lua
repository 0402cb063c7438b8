-- Ends one session (a logout): its hash goes, its digest leaves its counsellor's index, and every node is told to close
-- its sockets, in one step, so that no session is deleted while its other sockets stay open until their next renewal.
-- The index and channel are named from the counsellor the hash names (single Redis or Sentinel, not Cluster).
--
-- KEYS[1] session: the session's hash
-- ARGV[1] digest: the token's digest
-- ARGV[2] counsellorKeyPrefix: the counsellor's index is this, '{', her id, '}:sessions'
-- ARGV[3] sessionsChannelPrefix: her sessions channel is this followed by her id
-- ARGV[4] revoked: what is told there (JSON)
-- Returns 1 when there was such a session, else 0.
local counsellor = redis.call('HGET', KEYS[1], 'counsellor')
if not counsellor then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('SREM', hashTagged(ARGV[2], counsellor) .. ':sessions', ARGV[1])
redis.call('PUBLISH', ARGV[3] .. counsellor, ARGV[4])
return 1
