-- A supervisor lifts a block: the block of the key it was made with, its listing, and its copies on the later keys
-- it followed its client to (carry_block.lua), in one step, so that no connection carries it on meanwhile. A copy is
-- known by the key it names as its client: a later key's own block stays. A failure half-way (a command refused)
-- leaves what is left for the lift sent again, which finds the copies the same way.
--
-- KEYS[1] block: the key's block
-- KEYS[2] blocks: every block, client key -> the block as JSON
-- KEYS[3] carried: the later keys the block was carried to
-- ARGV[1] clientKey
-- ARGV[2] clientKeyPrefix: a client key's keys are this prefix, the key in braces, ':' and what they hold
-- Returns 1 when there was a block (in force, or listed), else 0.
local was = redis.call('DEL', KEYS[1]) + redis.call('HDEL', KEYS[2], ARGV[1])
for _, later in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  local key = ARGV[2] .. '{' .. later .. '}:block'
  local copy = redis.call('GET', key)
  if copy and cjson.decode(copy).client == ARGV[1] then
    redis.call('DEL', key)
  end
end
redis.call('DEL', KEYS[3])
return was > 0 and 1 or 0
