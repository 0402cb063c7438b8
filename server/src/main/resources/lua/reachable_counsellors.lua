-- The counsellors who can be given a chat now, in one round trip: available, with a live console. For each:
-- id, last assigned (ms), chats held + offered. Keys are derived from the ids (single Redis or Sentinel).
-- KEYS[1] available counsellors (set)
-- Returns a flat array: id1, lastAssignedAt1, load1, id2, ...
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local result = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local base = 'hl:counsellor:{' .. id .. '}'
  local state = redis.call('HMGET', base, 'status', 'lastAssignedAt')
  if state[1] == 'available' and redis.call('ZCOUNT', base .. ':consoles', '(' .. now, '+inf') > 0 then
    result[#result + 1] = id
    result[#result + 1] = state[2] or '0'
    result[#result + 1] = tostring(redis.call('SCARD', base .. ':conversations') + redis.call('SCARD', base .. ':offers'))
  end
end
return result
