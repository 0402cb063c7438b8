-- A visitor continues a conversation with its resume code, from a new tab or browser: the code leads to the
-- conversation, which gets a new resume secret (the old one stops working: the conversation moved).
-- KEYS[1] resume code key
-- ARGV[1] conversation key prefix, ARGV[2] digest of the new resume secret
-- Returns the conversation id, or nil when the code leads nowhere or to a conversation that has ended.
local id = redis.call('GET', KEYS[1])
if not id then
  return nil
end
local key = ARGV[1] .. '{' .. id .. '}'
local status = redis.call('HGET', key, 'status')
if not status or status == 'ended' then
  return nil
end
redis.call('HSET', key, 'secret', ARGV[2])
return id
