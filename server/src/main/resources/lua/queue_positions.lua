-- Where some conversations are, in one round trip: for each id, its 0-based rank in the queue (-1 when not
-- waiting), arrival, step and triage codes.
--
-- KEYS[1] queue
-- KEYS[2...] conversations: the hash of each conversation of ARGV, in the same order
-- ARGV[1...] conversationIds
-- Returns a JSON array of objects, in the order of the ids.
local result = {}
for i, id in ipairs(ARGV) do
  local c = redis.call('HMGET', KEYS[i + 1], 'status', 'createdAt', 'role', 'language', 'region', 'topic', 'children',
    'danger', 'step')
  local rank = redis.call('ZRANK', KEYS[1], id)
  result[i] = {id = id, rank = rank or -1, status = c[1] or '', createdAt = tonumber(c[2] or '0'),
    role = c[3] or '', language = c[4] or '', region = c[5] or '', topic = c[6] or '', children = c[7] == '1',
    danger = c[8] == '1', step = tonumber(c[9] or '0')}
end
if #result == 0 then
  return '[]'
end
return cjson.encode(result)
