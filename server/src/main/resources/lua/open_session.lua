-- Opens a counsellor session: its hash with its idle lease, and its digest in the counsellor's index of sessions, in
-- one step, so that no hash is left without its lease and no revocation reads the index between the hash and its
-- entry (and misses the session).
--
-- KEYS[1] session: the session's hash
-- KEYS[2] index: the counsellor's session digests
-- ARGV[1] counsellor: her id
-- ARGV[2] expiresAt: the absolute end (epoch ms, the node's clock)
-- ARGV[3] credential: the digest of the password hash it was opened with
-- ARGV[4] digest: the token's digest
-- ARGV[5] idleTimeout: ms, the first idle lease
-- ARGV[6] absolute: ms, how long the index is kept
-- Returns 1.
redis.call('HSET', KEYS[1], 'counsellor', ARGV[1], 'expiresAt', ARGV[2], 'credential', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('SADD', KEYS[2], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
return 1
