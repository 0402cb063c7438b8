-- An alert for the supervisors raised outside any other script (a counsellor asks for help, a block): kept in the
-- alert log and published (alertSupervisors, prelude.lua).
--
-- KEYS[1] alertLog: the supervisors' alert log
-- ARGV[1] supervisorsChannel
-- ARGV[2] alert: JSON
-- Returns 'ok'.
alertSupervisors(KEYS[1], ARGV[1], ARGV[2])
return 'ok'
