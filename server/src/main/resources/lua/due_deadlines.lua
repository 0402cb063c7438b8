-- The deadlines due now by Redis's clock, earliest first. Offers and console leases are written in Redis time; a
-- node that read them against its own clock would fire them early, for every node, whenever its clock ran fast (an
-- offer expired while its countdown still showed seconds, a counsellor's chats requeued during a reload).
--
-- Flags: no-writes (it only reads)
-- KEYS[1] deadlines
-- ARGV[1] limit: how many at most
-- Returns member, score, member, score...
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', nowMillis(), 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[1]))
