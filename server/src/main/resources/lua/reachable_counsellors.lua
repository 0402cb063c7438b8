-- Of the counsellors named, those who can be given a chat now, in one round trip: available, with a live console.
-- For each: id, last assigned (ms), chats held + offered, and the ms left of their wrap-up after a chat ended (no new
-- offer until then; 0 when none, -1 for a marker with no expiry: its end is not known, an event or a read of
-- everyone sees it).
-- The node reads a few hundred a call, so that no call holds Redis long whatever the number of consoles. The
-- counsellors are known only once the ids are given, so their keys are built here from the prefix (single Redis or
-- Sentinel, not Cluster).
--
-- Flags: no-writes (it only reads)
-- ARGV[1] counsellorKeyPrefix: counsellor keys are this prefix and the id in braces, then ':consoles' and so on
-- ARGV[2...] counsellorIds: the counsellors to read
-- Returns a flat array: id1, lastAssignedAt1, load1, wrapUpLeft1, id2, ...
local now = nowMillis()
local result = {}
for i = 2, #ARGV do
  local id = ARGV[i]
  local base = hashTagged(ARGV[1], id)
  local state = redis.call('HMGET', base, 'status', 'lastAssignedAt')
  if state[1] == 'available' and hasLiveConsole(base .. ':consoles', now) then
    appendCounsellorRead(result, base, id, state[2])
  end
end
return result
