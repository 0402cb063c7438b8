-- A correct password: the account's failures and wait are forgotten, and the attempt that was counted against the
-- client key before the check is taken back. The client key's other failures stay: a password someone knows must not
-- wipe the count of their guesses on other accounts.
--
-- KEYS[1] accountFailures
-- KEYS[2] accountWait
-- KEYS[3] clientFailures
-- Returns 1.
redis.call('DEL', KEYS[1], KEYS[2])
takeBack(KEYS[3])
return 1
