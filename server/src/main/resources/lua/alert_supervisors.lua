-- An alert for the supervisors raised outside any other script (a counsellor asks for help, a block): kept in the
-- alert log and published (alertSupervisors, prelude.lua).
--
-- ARGV[1] supervisorsChannel
-- ARGV[2] alert: JSON
-- Returns 'ok'.
alertSupervisors(ARGV[1], ARGV[2])
return 'ok'
