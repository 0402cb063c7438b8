-- Admits or refuses one login attempt, before its password is checked, by its account and by its client key. An
-- attempt is counted as a failure of both at once (a correct password takes it back afterwards), so that parallel
-- guesses cannot all slip in before the first one is counted. Beyond its free failures, each admitted attempt makes
-- the account's (or the client's) next one wait twice as long as the one before (1 s, 2 s, 4 s...) up to the longest
-- delay; while either wait runs, attempts are refused without being counted. Failures are forgotten a while after the
-- last one.
--
-- KEYS[1] accountFailures: the account's failure count
-- KEYS[2] accountWait: present while the account must wait
-- KEYS[3] clientFailures: the client key's failure count, all accounts together
-- KEYS[4] clientWait: present while the client key must wait
-- ARGV[1] freeFailures: per account
-- ARGV[2] freeFailuresPerClient
-- ARGV[3] maxDelay: ms
-- ARGV[4] memory: ms, how long failures are remembered
-- Returns {0, failures of the account and the client before this attempt} when it may go on, else {ms still to wait}.
local waiting = math.max(redis.call('PTTL', KEYS[2]), redis.call('PTTL', KEYS[4]))
if waiting > 0 then
  return {waiting}
end
local maxDelay = tonumber(ARGV[3])
local memory = tonumber(ARGV[4])

-- counts one failure; returns the failures counted before it
local function count(failures, wait, free)
  local counted = redis.call('INCR', failures)
  local delay = 0
  if counted > free then
    delay = math.min(maxDelay, 1000 * 2 ^ math.min(counted - free - 1, 40))
    redis.call('SET', wait, '1', 'PX', math.floor(delay))
  end
  redis.call('PEXPIRE', failures, math.max(memory, math.floor(delay)))
  return counted - 1
end

local earlier = count(KEYS[1], KEYS[2], tonumber(ARGV[1])) + count(KEYS[3], KEYS[4], tonumber(ARGV[2]))
return {0, earlier}
