-- The head of the queue with what the router needs, in one round trip: for each waiting conversation its score,
-- arrival, triage codes, step and the counsellors excluded from it now. The conversations are known only once the
-- queue is read, so their keys are built here from the prefix (single Redis or Sentinel, not Cluster).
--
-- KEYS[1] queue
-- ARGV[1] limit: how many
-- ARGV[2] conversationKeyPrefix: conversation keys are this prefix and the id in braces
-- Returns a JSON array of objects.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local entries = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
local result = {}
for i = 1, #entries, 2 do
  local id = entries[i]
  local base = ARGV[2] .. '{' .. id .. '}'
  local c = redis.call('HMGET', base, 'createdAt', 'role', 'language', 'region', 'topic', 'children', 'danger', 'step')
  if c[1] then
    result[#result + 1] = {id = id, score = tonumber(entries[i + 1]), createdAt = tonumber(c[1]), role = c[2] or '',
      language = c[3] or '', region = c[4] or '', topic = c[5] or '', children = c[6] == '1', danger = c[7] == '1',
      step = tonumber(c[8] or '0'), excluded = redis.call('ZRANGEBYSCORE', base .. ':excluded', '(' .. now, '+inf')}
  end
end
if #result == 0 then
  return '[]'
end
return cjson.encode(result)
