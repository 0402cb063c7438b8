-- A supervisor lifted a block that had followed its client to a later day's key: that key's block goes too, unless it
-- has become a block of its own since (another chat of the same client ended as abusive).
--
-- KEYS[1] block: the block of the later key
-- ARGV[1] lifted: the lifted block as JSON
-- Returns 1 when it was lifted, else 0.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
