-- Records a counsellor's profile and availability; setting available also resets their run of missed offers and ends
-- their wrap-up; setting away records the reason they gave (or none). Either way the status is now her own: the mark
-- of an away set by the server for a lost connection (awayBy, counsellor_gone.lua) goes. Her other consoles (another
-- tab, another computer) are told on her channel, so that none goes on showing her available, or in wrap-up.
--
-- KEYS[1] counsellor: the counsellor's hash
-- KEYS[2] availableCounsellors
-- KEYS[3] wrapUp: the counsellor's wrap-up marker (expires by itself)
-- ARGV[1] counsellorId
-- ARGV[2] availability: 'available' | 'away'
-- ARGV[3] displayName
-- ARGV[4] association
-- ARGV[5] capacity
-- ARGV[6] routingChannel: told 'available|<id>' or 'away|<id>'
-- ARGV[7] awayReason: a reason id from console.yaml, or ''
-- ARGV[8] counsellorChannel
-- ARGV[9] origin: the socket id of the console that asked (it has its answer), or ''
-- Returns the availability recorded.
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'name', ARGV[3], 'association', ARGV[4], 'capacity', ARGV[5])
redis.call('HDEL', KEYS[1], 'awayBy')
if ARGV[7] ~= '' and ARGV[2] == 'away' then
  redis.call('HSET', KEYS[1], 'awayReason', ARGV[7])
else
  redis.call('HDEL', KEYS[1], 'awayReason')
end
if ARGV[2] == 'available' then
  redis.call('HSET', KEYS[1], 'missed', 0)
  redis.call('DEL', KEYS[3])
  redis.call('SADD', KEYS[2], ARGV[1])
else
  redis.call('SREM', KEYS[2], ARGV[1])
end
redis.call('PUBLISH', ARGV[6], ARGV[2] .. '|' .. ARGV[1])
redis.call('PUBLISH', ARGV[8], cjson.encode({type = 'status', status = ARGV[2],
  awayReason = (ARGV[2] == 'away' and ARGV[7] ~= '') and ARGV[7] or cjson.null, origin = ARGV[9]}))
return ARGV[2]
