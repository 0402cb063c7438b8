-- A counsellor ended a chat as abusive: its client key may not start a chat until the block expires, on any node,
-- and supervisors find the block in the list of blocks (which keeps expired ones until it is next read).
--
-- KEYS[1] block: the key's block
-- KEYS[2] blocks: every block, client key -> the block as JSON (when, until, by whom, which chat)
-- ARGV[1] clientKey
-- ARGV[2] block: the block as JSON
-- ARGV[3] seconds: how long it lasts
-- Returns 1.
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1
