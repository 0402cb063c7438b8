-- Of the counsellors named, those with a live console now, available or away, in one round trip: the transfer picker
-- lists a colleague who is away too, since a transfer by name needs only her console and a free place (she was asked).
-- For each: id, last assigned (ms), chats held + offered and the ms left of their wrap-up, as
-- reachable_counsellors.lua reads them, then the availability ('available', else 'away'). The node reads a few hundred a call; the keys are built
-- here from the prefix, as there (single Redis or Sentinel, not Cluster).
--
-- Flags: no-writes (it only reads)
-- ARGV[1] counsellorKeyPrefix: counsellor keys are this prefix and the id in braces, then ':consoles' and so on
-- ARGV[2...] counsellorIds: the counsellors to read
-- Returns a flat array: id1, lastAssignedAt1, load1, wrapUpLeft1, availability1, id2, ...
local now = nowMillis()
local result = {}
for i = 2, #ARGV do
  local id = ARGV[i]
  local base = hashTagged(ARGV[1], id)
  if hasLiveConsole(base .. ':consoles', now) then
    local state = redis.call('HMGET', base, 'status', 'lastAssignedAt')
    appendCounsellorRead(result, base, id, state[2])
    result[#result + 1] = state[1] == 'available' and 'available' or 'away'
  end
end
return result
