-- Hands an active chat from one counsellor to another, with an internal note the visitor never sees. The receiver
-- must have a live console and free capacity (held + offered); they get the chat at once. The note counts among the
-- chat's notes of its kind (pushNote): a counsellor's note the full record cannot keep refuses the transfer before it
-- moves anything ('notes_full': she may hand it over without one), a supervisor's takeover entry is only not kept.
--
-- KEYS[1] conversation: the conversation's hash
-- KEYS[2] giverConversations: the chats the giver holds
-- KEYS[3] receiver: the receiver's hash
-- KEYS[4] receiverConsoles
-- KEYS[5] receiverConversations
-- KEYS[6] receiverOffers
-- KEYS[7] notes
-- ARGV[1] conversationId
-- ARGV[2] giverId
-- ARGV[3] receiverId
-- ARGV[4] note: JSON, '' for none
-- ARGV[5] conversationChannel
-- ARGV[6] giverChannel
-- ARGV[7] receiverChannel
-- ARGV[8] routingChannel: told 'capacity|<giver id>' (the giver has a place again)
-- ARGV[9] noteCounter: the hash field counting the note's kind ('notesCount' or 'supervisionCount')
-- ARGV[10] maxNotes: the most notes of that kind a chat keeps
-- ARGV[11] noteNeedsRoom: '1' when a note the record cannot keep refuses the transfer, '0' when the chat moves all the
--   same and only the record misses it
-- ARGV[12] giverEvent: told on the giver's channel (a takeover's entry, told whether the record keeps it), '' for none
-- Returns 'ok', 'not_assigned', 'notes_full', 'offline' (no live console, or a hash no login wrote) or 'full'.
local conv = redis.call('HMGET', KEYS[1], 'status', 'counsellor')
if conv[1] ~= 'active' or conv[2] ~= ARGV[2] then
  return 'not_assigned'
end
local noteFits = tonumber(redis.call('HGET', KEYS[1], ARGV[9]) or '0') < tonumber(ARGV[10])
if ARGV[4] ~= '' and not noteFits and ARGV[11] == '1' then
  return 'notes_full'
end
local now = nowMillis()
if liveConsoles(KEYS[4], now) == 0 then
  return 'offline'
end
local receiver = redis.call('HMGET', KEYS[3], 'capacity', 'name', 'association')
if not receiver[2] or not receiver[3] then
  return 'offline' -- before any write: a hash no login wrote (no name or association) is nobody to hand over to
end
if counsellorLoad(KEYS[5], KEYS[6]) >= tonumber(receiver[1] or '0') then
  return 'full'
end
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[5], ARGV[1])
redis.call('HSET', KEYS[1], 'counsellor', ARGV[3], 'counsellorName', receiver[2], 'association', receiver[3],
  'assignedAt', now)
redis.call('HSET', KEYS[3], 'lastAssignedAt', now)
if ARGV[4] ~= '' and noteFits then
  pushNote(KEYS[1], ARGV[9], KEYS[7], ARGV[4], ARGV[10])
end
local who = {name = receiver[2], association = receiver[3]}
redis.call('PUBLISH', ARGV[5], cjson.encode({type = 'transferred', conversation = ARGV[1], counsellor = who}))
redis.call('PUBLISH', ARGV[6], cjson.encode({type = 'released', conversation = ARGV[1], reason = 'transferred'}))
if ARGV[12] ~= '' then
  redis.call('PUBLISH', ARGV[6], ARGV[12])
end
redis.call('PUBLISH', ARGV[7], cjson.encode({type = 'assigned', conversation = ARGV[1], counsellor = who}))
redis.call('PUBLISH', ARGV[8], 'capacity|' .. ARGV[2])
return 'ok'
