-- Where some conversations are, in one round trip: for each id, its 0-based rank in the queue (-1 when not
-- waiting), arrival, step, triage codes and the language of the visitor's page ('' when not given).
--
-- Flags: no-writes (it only reads)
-- KEYS[1] queue
-- KEYS[2...] conversations: the hash of each conversation of ARGV, in the same order
-- ARGV[1...] conversationIds
-- Returns a JSON array of objects, in the order of the ids.
local result = {}
for i, id in ipairs(ARGV) do
  local entry = queueEntry(KEYS[i + 1], id)
  entry.rank = redis.call('ZRANK', KEYS[1], id) or -1
  result[i] = entry
end
return jsonArray(result)
