-- Writes what became of an escalation's webhook into its entry of the escalation record, which was added 'pending' the
-- moment the escalation was made (so that a node stopping during the retries leaves it recorded). The entry is looked
-- for among the newest ones only, and edited as text so that the rest of it stays exactly as written.
--
-- KEYS[1] escalations: the escalation record, newest first
-- ARGV[1] escalationId
-- ARGV[2] webhook: the outcome ('delivered', 'failed', 'dropped', 'no_webhook')
-- ARGV[3] searched: how many of the newest entries to look through
-- Returns 1 when the entry was found pending and settled, else 0.
local entries = redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[3]) - 1)
for i, entry in ipairs(entries) do
  if string.find(entry, '"id":"' .. ARGV[1] .. '"', 1, true) then
    local settled, count = string.gsub(entry, '"webhook":"pending"', '"webhook":"' .. ARGV[2] .. '"', 1)
    if count == 0 then
      return 0
    end
    redis.call('LSET', KEYS[1], i - 1, settled)
    return 1
  end
end
return 0
