-- A supervisor lifts a block: the block of the key it was made with, its copies on the later keys it followed its
-- client to (carry_block.lua), and its listing, in one step, so that no connection carries it on meanwhile. A copy is
-- known by the key it names as its client: a later key's own block stays. The keys it was carried to are followed on,
-- through their own lists of carried keys, for copies carried on from a copy (as nodes did before carry_block.lua
-- carried only a key's own block). The listing goes last: a failure half-way leaves the block listed, for the lift
-- sent again.
--
-- Flags: allow-oom (its writes free memory, or nearly none)
-- KEYS[1] block: the key's block
-- KEYS[2] blocks: every block, client key -> the block as JSON
-- KEYS[3] carried: the later keys the block was carried to
-- KEYS[4] blockEnds: client key -> until (ms) of its listed block
-- ARGV[1] clientKey
-- ARGV[2] clientKeyPrefix: a client key's keys are this prefix, the key in braces, ':' and what they hold
-- Returns 1 when there was a block (in force, listed, or a copy of it), else 0.
local was = redis.call('DEL', KEYS[1])
local later = redis.call('SMEMBERS', KEYS[3])
local seen = {}
local i = 1
while later[i] do
  local key = later[i]
  i = i + 1
  if not seen[key] then
    seen[key] = true
    local block = ARGV[2] .. '{' .. key .. '}:block'
    local copy = redis.call('GET', block)
    if copy and cjson.decode(copy).client == ARGV[1] then
      was = was + redis.call('DEL', block)
    end
    for _, further in ipairs(redis.call('SMEMBERS', ARGV[2] .. '{' .. key .. '}:carried')) do
      later[#later + 1] = further
    end
  end
end
redis.call('DEL', KEYS[3])
was = was + redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
return was > 0 and 1 or 0
