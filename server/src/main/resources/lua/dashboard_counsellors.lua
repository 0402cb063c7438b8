-- The supervisor dashboard's counsellors, a batch at a time (DashboardStore.BATCH at most a call, so that no call
-- holds Redis long however many counsellors are configured): each one's availability, live console, load (held +
-- offered) and away reason.
--
-- Flags: no-writes (it only reads)
-- KEYS[1...] counsellorKeys: for each counsellor of ARGV, its hash, consoles, conversations and offers
-- ARGV[1...] counsellorIds
-- Returns a JSON array: [[id, status, live 0|1, load, away reason or '']...].
local now = nowMillis()
local counsellors = {}
for i = 1, #ARGV do
  local k = (i - 1) * 4 + 1
  local state = redis.call('HMGET', KEYS[k], 'status', 'awayReason')
  counsellors[#counsellors + 1] = {ARGV[i], state[1] or '', hasLiveConsole(KEYS[k + 1], now) and 1 or 0,
    counsellorLoad(KEYS[k + 2], KEYS[k + 3]), state[2] or ''}
end
return jsonArray(counsellors)
