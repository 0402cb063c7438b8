-- The head of the queue (or of the chats offered and not yet accepted), or a slice of the queue further back, with what
-- the router and the dashboard need, in one round trip: for each conversation its score, arrival, triage codes, step
-- and the counsellors excluded from it now. The conversations are known only once the set is read, so their keys are
-- built here from the prefix (single Redis or Sentinel, not Cluster).
--
-- KEYS[1] queue: the queue, or the chats offered and not yet accepted (by arrival: the dashboard's, with their
--   score their arrival and their status 'offered')
-- ARGV[1] from: the rank of the first (0 for the head)
-- ARGV[2] limit: how many
-- ARGV[3] conversationKeyPrefix: conversation keys are this prefix and the id in braces
-- ARGV[4] onlyStatus: '' for the queue; 'offered' for the offered chats, where a member whose conversation is not
--   offered any more is removed (left by a node of an older version, or a transition that forgot it)
-- Returns a JSON array of objects.
local now = nowMillis()
local from = tonumber(ARGV[1])
local entries = redis.call('ZRANGE', KEYS[1], from, from + tonumber(ARGV[2]) - 1, 'WITHSCORES')
local result = {}
for i = 1, #entries, 2 do
  local id = entries[i]
  local key = hashTagged(ARGV[3], id)
  local entry = queueEntry(key, id)
  if ARGV[4] ~= '' and entry.status ~= ARGV[4] then
    redis.call('ZREM', KEYS[1], id)
  elseif entry.status ~= '' then
    entry.score = tonumber(entries[i + 1])
    entry.excluded = redis.call('ZRANGEBYSCORE', key .. ':excluded', '(' .. now, '+inf')
    result[#result + 1] = entry
  end
end
return jsonArray(result)
