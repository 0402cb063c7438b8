-- One node's sample of the queue for the dashboard's history: the minute keeps the most chats seen waiting and the
-- longest wait seen by any node, so several nodes sampling the same minute never add up.
--
-- KEYS[1] minuteSample: the minute's sample hash
-- ARGV[1] waiting: chats waiting
-- ARGV[2] longestWait: ms
-- ARGV[3] keep: how long the minute is kept (s)
-- Returns 1.
local sample = redis.call('HMGET', KEYS[1], 'waiting', 'longestWait')
if not sample[1] or tonumber(sample[1]) < tonumber(ARGV[1]) then
  redis.call('HSET', KEYS[1], 'waiting', ARGV[1])
end
if not sample[2] or tonumber(sample[2]) < tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'longestWait', ARGV[2])
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
