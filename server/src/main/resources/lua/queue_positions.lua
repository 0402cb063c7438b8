-- Where some conversations are, in one round trip: for each id, its 0-based rank in the queue (-1 when not
-- waiting), arrival, step, triage codes, the language of the visitor's page ('' when not given), and the counsellors
-- who may not be offered it now (they declined it or let its offer expire, within the cool-down), each with the ms
-- left of that cool-down: the visitor is told no counsellor is free while every one who could take her is among them.
--
-- Flags: no-writes (it only reads)
-- KEYS[1] queue
-- KEYS[2...] conversations: the hash of each conversation of ARGV, in the same order
-- KEYS[...] excluded: the excluded counsellors of each conversation of ARGV, in the same order (after the hashes)
-- ARGV[1...] conversationIds
-- Returns a JSON array of objects, in the order of the ids.
local now = nowMillis()
local result = {}
for i, id in ipairs(ARGV) do
  local entry = queueEntry(KEYS[i + 1], id)
  entry.rank = redis.call('ZRANK', KEYS[1], id) or -1
  local excluded = redis.call('ZRANGEBYSCORE', KEYS[#ARGV + i + 1], '(' .. now, '+inf', 'WITHSCORES')
  local left = {}
  for j = 1, #excluded, 2 do
    left[excluded[j]] = tonumber(excluded[j + 1]) - now
  end
  if #excluded > 0 then
    entry.excludedLeft = left
  end
  result[i] = entry
end
return jsonArray(result)
