-- Returns the counsellor id of a live session, its absolute end (epoch ms) and the digest of the password hash it was
-- opened with ('' for a session opened before sessions kept it), extending its idle lease, or an empty array when it
-- has expired.
--
-- Flags: allow-oom (its writes free memory, or nearly none)
-- KEYS[1] session: the session's hash
-- ARGV[1] idleTimeout: ms
-- ARGV[2] now: the node's clock (epoch ms), the clock the session's absolute end was set by
local session = redis.call('HMGET', KEYS[1], 'counsellor', 'expiresAt', 'credential')
if not session[1] then
  return {}
end
local now = tonumber(ARGV[2])
if now >= tonumber(session[2]) then
  redis.call('DEL', KEYS[1])
  return {}
end
redis.call('PEXPIRE', KEYS[1], math.min(tonumber(ARGV[1]), tonumber(session[2]) - now))
return {session[1], session[2], session[3] or ''}
