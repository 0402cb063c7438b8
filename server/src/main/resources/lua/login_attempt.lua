-- Admits or refuses one login attempt on an account, before its password is checked. An attempt is counted as a
-- failure at once (a correct password deletes both keys afterwards), so that parallel guesses cannot all slip in
-- before the first one is counted. Beyond the free failures, each admitted attempt makes the next one wait twice as
-- long as the one before (1 s, 2 s, 4 s...) up to the longest delay; while the wait runs, attempts are refused without
-- being counted. Failures are forgotten a while after the last one.
--
-- KEYS[1] failures: the account's failure count
-- KEYS[2] wait: present while the account must wait
-- ARGV[1] freeFailures
-- ARGV[2] maxDelay: ms
-- ARGV[3] memory: ms, how long failures are remembered
-- Returns 0 when the attempt may go on, else the ms still to wait.
local waiting = redis.call('PTTL', KEYS[2])
if waiting > 0 then
  return waiting
end
local count = redis.call('INCR', KEYS[1])
local free = tonumber(ARGV[1])
local maxDelay = tonumber(ARGV[2])
local delay = 0
if count > free then
  delay = math.min(maxDelay, 1000 * 2 ^ math.min(count - free - 1, 40))
  redis.call('SET', KEYS[2], '1', 'PX', math.floor(delay))
end
redis.call('PEXPIRE', KEYS[1], math.max(tonumber(ARGV[3]), math.floor(delay)))
return 0
