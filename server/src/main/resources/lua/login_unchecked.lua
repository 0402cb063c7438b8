-- A login attempt admitted and counted as a failure before its check (login_attempt.lua) whose password was not
-- checked after all (the node's password checks were full: busy; or the check itself failed): its count is taken back
-- from the account and the client key, not below zero. Nothing was learnt, so nothing is owed; the wait a count beyond
-- the free failures set runs out by itself.
--
-- KEYS[1] accountFailures
-- KEYS[2] clientFailures
-- Returns 1.
takeBack(KEYS[1])
takeBack(KEYS[2])
return 1
