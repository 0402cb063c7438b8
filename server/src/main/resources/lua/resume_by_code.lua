-- A visitor continues a conversation with its resume code, from a new tab or browser: the code leads to the
-- conversation, which gets a new resume secret (the old one stops working: the conversation moved). The
-- conversation's key is known only once the code is read, so it is built here from the prefix.
--
-- KEYS[1] resumeCode: the resume code's key
-- ARGV[1] conversationKeyPrefix: conversation keys are this prefix and the id in braces
-- ARGV[2] secretDigest: the digest of the new resume secret
-- Returns the conversation id, or nil when the code leads nowhere or to a conversation that has ended.
local id = redis.call('GET', KEYS[1])
if not id then
  return nil
end
local key = hashTagged(ARGV[1], id)
local status = redis.call('HGET', key, 'status')
if not status or status == 'ended' then
  return nil
end
redis.call('HSET', key, 'secret', ARGV[2])
return id
