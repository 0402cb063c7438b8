-- A visitor message is about to be stored: it counts against the conversation's minute and its total, whatever
-- socket it came from (a resume secret opens any number of them). Nothing is counted when it is refused.
--
-- KEYS[1] minute: the visitor's messages in the current minute (which starts with its first)
-- KEYS[2] total: the visitor's messages in the conversation
-- ARGV[1] perMinute
-- ARGV[2] limit: in all
-- ARGV[3] keep: seconds the total is kept after the last message
-- Returns 'ok', 'rate_limited' or 'full'.
if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[2]) then
  return 'full'
end
if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then
  return 'rate_limited'
end
if redis.call('INCR', KEYS[1]) == 1 then
  redis.call('EXPIRE', KEYS[1], 60)
end
redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return 'ok'
