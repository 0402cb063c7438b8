-- Sets fields of a conversation that is still open (neither ended nor gone), for what a visitor's socket records on
-- its own: the place shared, the line taken. A late frame must not write onto an erased chat's tombstone, nor create
-- again a conversation whose keys expired (a key with no expiry that the retention sweep would never find). What is
-- written may be told on a channel in the same script, so that nothing is stored that its counsellor is never shown.
--
-- KEYS[1] conversation: the conversation's hash
-- ARGV[1] channel: where to tell of it ('' for nobody)
-- ARGV[2] event: what is told there
-- ARGV[3...] fieldsAndValues: field, value, field, value...
-- Returns 1 when the conversation is open (and written), 0 when it has ended or is gone (nothing written).
local status = redis.call('HGET', KEYS[1], 'status')
if not status or status == 'ended' then
  return 0
end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
if ARGV[1] ~= '' then
  redis.call('PUBLISH', ARGV[1], ARGV[2])
end
return 1
