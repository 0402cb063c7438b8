-- The counsellors who can be given a chat now, in one round trip: available, with a live console. For each:
-- id, last assigned (ms), chats held + offered, 1 while in wrap-up after a chat ended (no new offer) else 0. Reads every
-- available counsellor (scope 'all'), or only the ones named (scope 'named': a routing round that looks only at
-- those who may have a free place). The counsellors are known only once the set is read or the ids given, so their
-- keys are built here from the prefix (single Redis or Sentinel, not Cluster).
--
-- KEYS[1] availableCounsellors
-- ARGV[1] counsellorKeyPrefix: counsellor keys are this prefix and the id in braces, then ':consoles' and so on
-- ARGV[2] scope: 'all' | 'named'
-- ARGV[3...] counsellorIds: for 'named', the counsellors to read
-- Returns a flat array: id1, lastAssignedAt1, load1, wrapUp1, id2, ...
local now = nowMillis()
local ids
if ARGV[2] == 'named' then
  ids = {}
  for i = 3, #ARGV do
    ids[#ids + 1] = ARGV[i]
  end
else
  ids = redis.call('SMEMBERS', KEYS[1])
end
local result = {}
for _, id in ipairs(ids) do
  local base = hashTagged(ARGV[1], id)
  local state = redis.call('HMGET', base, 'status', 'lastAssignedAt')
  if state[1] == 'available' and hasLiveConsole(base .. ':consoles', now) then
    result[#result + 1] = id
    result[#result + 1] = state[2] or '0'
    result[#result + 1] = tostring(counsellorLoad(base .. ':conversations', base .. ':offers'))
    result[#result + 1] = tostring(redis.call('EXISTS', base .. ':wrapUp'))
  end
end
return result
