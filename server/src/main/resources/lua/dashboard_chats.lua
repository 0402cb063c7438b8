-- The supervisor dashboard's active chats, a batch at a time (SSCAN of the active set from a cursor, about
-- DashboardStore.BATCH a call, so that no call holds Redis long however many chats are active; a chat may come twice
-- across calls, and the reader keeps it once). The chats are known only once the set is read, so their keys are
-- built here from the prefix (single Redis or Sentinel, not Cluster). Nothing returned identifies a visitor.
--
-- Flags: no-writes (it only reads)
-- KEYS[1] activeConversations
-- ARGV[1] cursor: '0' for the first batch
-- ARGV[2] batch
-- ARGV[3] conversationKeyPrefix: conversation keys are this prefix and the id in braces
-- Returns a JSON object: cursor (the next, '0' after the last batch), active [{...}].
local scan = redis.call('SSCAN', KEYS[1], ARGV[1], 'COUNT', tonumber(ARGV[2]))
local active = {}
-- HMGET gives false for a missing field: 'or nil' leaves it out of the JSON.
for _, id in ipairs(scan[2]) do
  local c = redis.call('HMGET', hashTagged(ARGV[3], id), 'association', 'counsellorName', 'createdAt', 'answeredAt',
    'assignedAt', 'danger', 'children', 'risk', 'visitorAway', 'visitorAwaySince', 'dangerSaid')
  if c[3] then
    -- danger: she said so (dangerSaid), whether or not her chat had the queue's priority (queueEntry)
    active[#active + 1] = {id = id, association = c[1] or '', counsellorName = c[2] or '',
      createdAt = tonumber(c[3]), answeredAt = tonumber(c[4] or c[5] or c[3]), danger = c[6] == '1' or c[11] == '1',
      children = c[7] == '1', risk = c[8] or nil, visitorAway = c[9] or nil,
      visitorAwaySince = tonumber(c[10] or '0')}
  end
end
return '{"cursor":"' .. scan[1] .. '","active":' .. jsonArray(active) .. '}'
