-- Appends one message exactly once: a client id already seen returns the sequence it was given. A new visitor message
-- counts against the conversation's minute and its total, whatever socket it came from (a resume secret opens any
-- number of them); a refused or doubled one counts nothing.
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] log: the messages (list)
-- KEYS[3] clientIds: client id -> seq (hash)
-- KEYS[4] visitorMinute: the visitor's messages in the current minute (which starts with its first)
-- KEYS[5] visitorTotal: the visitor's messages in the conversation
-- ARGV[1] conversationId
-- ARGV[2] from: 'visitor' | 'counsellor'
-- ARGV[3] counsellorId: or ''
-- ARGV[4] clientId
-- ARGV[5] text
-- ARGV[6] at: ms
-- ARGV[7] conversationChannel
-- ARGV[8] perMinute: visitor messages a minute, at most
-- ARGV[9] limit: visitor messages in all, at most
-- ARGV[10] keep: seconds the visitor's total is kept after their last message
-- Returns 'ok:<seq>', 'dup:<seq>', 'err:missing', 'err:ended', 'err:not_assigned', 'err:full' or 'err:rate_limited'.
local conv = redis.call('HMGET', KEYS[1], 'status', 'counsellor')
local status = conv[1]
if not status then
  return 'err:missing'
end
local idKey = ARGV[2] .. ':' .. ARGV[4]
local existing = redis.call('HGET', KEYS[3], idKey)
if existing then
  return 'dup:' .. existing
end
if status == 'ended' then
  return 'err:ended'
end
if ARGV[2] == 'counsellor' and conv[2] ~= ARGV[3] then
  return 'err:not_assigned'
end
if ARGV[2] == 'visitor' then
  -- counted first and given back when refused: one command per counter instead of a read and a write
  if redis.call('INCR', KEYS[5]) > tonumber(ARGV[9]) then
    redis.call('DECR', KEYS[5])
    return 'err:full'
  end
  local thisMinute = redis.call('INCR', KEYS[4])
  if thisMinute == 1 then
    redis.call('EXPIRE', KEYS[4], 60)
  elseif thisMinute > tonumber(ARGV[8]) then
    redis.call('DECR', KEYS[4])
    redis.call('DECR', KEYS[5])
    return 'err:rate_limited'
  end
  redis.call('EXPIRE', KEYS[5], ARGV[10])
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
local entry = cjson.encode({type = 'message', conversation = ARGV[1], seq = seq, from = ARGV[2],
  clientId = ARGV[4], text = ARGV[5], at = tonumber(ARGV[6])})
redis.call('RPUSH', KEYS[2], entry)
redis.call('HSET', KEYS[3], idKey, seq)
redis.call('PUBLISH', ARGV[7], entry)
return 'ok:' .. seq
