-- A visitor continues a conversation with its resume code, from a new tab or browser: the code leads to the
-- conversation, which gets a new resume secret (the old one stops working: the conversation moved). The
-- conversation's key is known only once the code is read, so it is built here from the prefix. The client key that
-- tries a code has a budget of wrong ones a minute (the minute starts with its first wrong one): beyond it, no code is
-- looked up; a wrong one is counted in the same step, so that sockets trying at once on several nodes share it.
--
-- KEYS[1] resumeCode: the resume code's key
-- KEYS[2] wrongCodes: the client key's wrong codes this minute
-- ARGV[1] conversationKeyPrefix: conversation keys are this prefix and the id in braces
-- ARGV[2] secretDigest: the digest of the new resume secret
-- ARGV[3] limit: wrong codes a client key may try in a minute
-- ARGV[4] window: seconds of that minute
-- Returns {'found', conversation id}, {'wrong'} when the code leads nowhere or to a conversation that has ended
-- (counted), or {'limited'} when the key's budget is spent (not looked up).
-- the minute's count ends, also one an older node left without its expiry
local function endsInTheMinute()
  if redis.call('TTL', KEYS[2]) == -1 then
    redis.call('EXPIRE', KEYS[2], ARGV[4])
  end
end

if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[3]) then
  endsInTheMinute()
  return {'limited'}
end
local id = redis.call('GET', KEYS[1])
local key = id and hashTagged(ARGV[1], id)
local status = key and redis.call('HGET', key, 'status')
if not status or status == 'ended' then
  redis.call('INCR', KEYS[2])
  endsInTheMinute()
  return {'wrong'}
end
redis.call('HSET', key, 'secret', ARGV[2])
return {'found', id}
