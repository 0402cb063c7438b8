-- A client key asks to start a chat: refused when the key is blocked or has started its hour's chats already;
-- otherwise counted (the hour runs from its first chat) and the new conversation remembers the key that started it,
-- so that a counsellor who ends it as abusive blocks that key.
--
-- KEYS[1] block: the key's block, if any
-- KEYS[2] chats: how many chats the key started this hour
-- KEYS[3] conversationClient: the client key of the new conversation
-- ARGV[1] clientKey
-- ARGV[2] limit: chats per hour
-- ARGV[3] window: seconds the count runs
-- ARGV[4] remember: seconds the conversation keeps its client key
-- Returns 'blocked', 'limited' or 'admitted'.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 'blocked'
end
if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[2]) then
  return 'limited'
end
if redis.call('INCR', KEYS[2]) == 1 then
  redis.call('EXPIRE', KEYS[2], ARGV[3])
end
redis.call('SET', KEYS[3], ARGV[1], 'EX', ARGV[4])
return 'admitted'
