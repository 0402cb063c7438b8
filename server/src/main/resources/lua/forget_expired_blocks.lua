-- A read of the list of blocks found these blocks expired: each is forgotten only if its listing is still the one
-- read, so that a block made again on the same key since that read stays listed.
--
-- Flags: allow-oom (its writes free memory, or nearly none)
-- KEYS[1] blocks: every block, client key -> the block as JSON
-- KEYS[2] blockEnds: client key -> until (ms) of its listed block
-- ARGV[1...] expired: client key, then its listing as read, for each
-- Returns how many were forgotten.
local forgotten = 0
for i = 1, #ARGV, 2 do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then
    redis.call('HDEL', KEYS[1], ARGV[i])
    redis.call('ZREM', KEYS[2], ARGV[i])
    forgotten = forgotten + 1
  end
end
return forgotten
