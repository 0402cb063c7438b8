-- Appends one message exactly once: a client id already seen returns the sequence it was given.
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] log: the messages (list)
-- KEYS[3] clientIds: client id -> seq (hash)
-- ARGV[1] conversationId
-- ARGV[2] from: 'visitor' | 'counsellor'
-- ARGV[3] counsellorId: or ''
-- ARGV[4] clientId
-- ARGV[5] text
-- ARGV[6] at: ms
-- ARGV[7] conversationChannel
-- Returns 'ok:<seq>', 'dup:<seq>', 'err:missing', 'err:ended' or 'err:not_assigned'.
local status = redis.call('HGET', KEYS[1], 'status')
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
if ARGV[2] == 'counsellor' and redis.call('HGET', KEYS[1], 'counsellor') ~= ARGV[3] then
  return 'err:not_assigned'
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
local entry = cjson.encode({type = 'message', conversation = ARGV[1], seq = seq, from = ARGV[2],
  clientId = ARGV[4], text = ARGV[5], at = tonumber(ARGV[6])})
redis.call('RPUSH', KEYS[2], entry)
redis.call('HSET', KEYS[3], idKey, seq)
redis.call('PUBLISH', ARGV[7], entry)
return 'ok:' .. seq
