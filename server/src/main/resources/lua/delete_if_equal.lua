-- Deletes a key only if it still holds the value its caller read: a node settling the disk purge it took (unless
-- something else was erased since, which owes another).
--
-- Flags: allow-oom (its writes free memory, or nearly none)
-- KEYS[1] key
-- ARGV[1] expected: the value read
-- Returns 1 when it was deleted, else 0.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
