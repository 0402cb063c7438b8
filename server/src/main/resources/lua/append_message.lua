-- Appends one message exactly once: a client id already seen returns the sequence it was given. A new visitor message
-- counts against the conversation's minute, its total and its bytes of text, whatever socket it came from (a resume
-- secret opens any number of them); a refused or doubled one counts nothing.
--
-- KEYS[1] conversation: the conversation's hash; its fields visitorMessages, visitorMinuteFrom and visitorMinuteCount
--         count the visitor's messages: in all, and in the current minute (which starts with its first);
--         visitorBytes the bytes of their text as stored
-- KEYS[2] log: the messages (list)
-- KEYS[3] clientIds: client id -> seq (hash)
-- ARGV[1] conversationId
-- ARGV[2] from: 'visitor' | 'counsellor'
-- ARGV[3] counsellorId: or ''
-- ARGV[4] clientId
-- ARGV[5] text
-- ARGV[6] at: ms (the node's clock; it also starts the visitor's minute and tells when it is over)
-- ARGV[7] conversationChannel
-- ARGV[8] perMinute: visitor messages a minute, at most
-- ARGV[9] limit: visitor messages in all, at most
-- ARGV[10] bytes: bytes of visitor text in all (as stored: sealed when transcripts are encrypted), at most
-- Returns 'ok:<seq>', 'dup:<seq>', 'err:missing', 'err:ended', 'err:not_assigned', 'err:full' or 'err:rate_limited'.
-- Everything the checks need comes in one HMGET, the client id is claimed with the sequence number it would get
-- (HSETNX: taken already means a resend, given back when the message is refused), and everything counted goes back
-- in one HSET: a message costs HMGET, HSETNX, HSET, RPUSH, PUBLISH (and its FCALL), whichever side wrote it.
local conv = redis.call('HMGET', KEYS[1], 'status', 'counsellor', 'seq', 'visitorMessages', 'visitorMinuteFrom',
  'visitorMinuteCount', 'visitorBytes', 'counsellorName')
local status = conv[1]
if not status then
  return 'err:missing'
end
local seq = tonumber(conv[3] or '0') + 1
local idKey = ARGV[2] .. ':' .. ARGV[4]
if redis.call('HSETNX', KEYS[3], idKey, seq) == 0 then
  return 'dup:' .. redis.call('HGET', KEYS[3], idKey)
end
local function refuse(reason)
  redis.call('HDEL', KEYS[3], idKey)
  return 'err:' .. reason
end
if status == 'ended' then
  return refuse('ended')
end
if ARGV[2] == 'counsellor' and conv[2] ~= ARGV[3] then
  return refuse('not_assigned')
end
if ARGV[2] == 'visitor' then
  local total = tonumber(conv[4] or '0') + 1
  local bytes = tonumber(conv[7] or '0') + string.len(ARGV[5])
  if total > tonumber(ARGV[9]) or bytes > tonumber(ARGV[10]) then
    return refuse('full')
  end
  local minuteFrom = conv[5] or '0'
  local thisMinute = tonumber(conv[6] or '0') + 1
  -- a node whose clock is behind the one that started the minute stays in that minute
  if tonumber(ARGV[6]) - tonumber(minuteFrom) >= 60000 then
    minuteFrom = ARGV[6]
    thisMinute = 1
  elseif thisMinute > tonumber(ARGV[8]) then
    return refuse('rate_limited')
  end
  redis.call('HSET', KEYS[1], 'seq', seq, 'visitorMessages', total, 'visitorMinuteFrom', minuteFrom,
    'visitorMinuteCount', thisMinute, 'visitorBytes', bytes)
else
  redis.call('HSET', KEYS[1], 'seq', seq)
end
-- a counsellor's message names her (her display name, as the visitor was shown it): after a transfer or a takeover,
-- the history the visitor reads again still says who wrote what
local name = nil
if ARGV[2] == 'counsellor' and conv[8] then
  name = conv[8]
end
local entry = cjson.encode({type = 'message', conversation = ARGV[1], seq = seq, from = ARGV[2], name = name,
  clientId = ARGV[4], text = ARGV[5], at = tonumber(ARGV[6])})
redis.call('RPUSH', KEYS[2], entry)
redis.call('PUBLISH', ARGV[7], entry)
return 'ok:' .. seq
