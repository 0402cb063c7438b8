-- What the supervisor dashboard needs besides the queue, in one round trip: each counsellor's availability, live
-- console and load; the active chats; the answers of the last hour and of the day against the service-level target;
-- today's outcome counters; and the history of some minutes. The active chats are known only once their set is read,
-- so their keys are built here from the prefix (single Redis or Sentinel, not Cluster). Nothing returned identifies a
-- visitor.
--
-- KEYS[1] activeConversations
-- KEYS[2] waits
-- KEYS[3] outcomeCounts: today's outcome tag counts
-- KEYS[4] endingCounts: today's ending counts
-- KEYS[5...] minuteSamples: the sample of each minute from ARGV[4] to ARGV[5]
-- KEYS[...] counsellorKeys: for each counsellor of ARGV[7...], its hash, consoles, conversations and offers
-- ARGV[1] hourFrom: start of the last hour (ms)
-- ARGV[2] dayFrom: start of the day (ms)
-- ARGV[3] serviceLevel: the service-level target (ms)
-- ARGV[4] firstMinute: the first history minute (epoch minute)
-- ARGV[5] lastMinute: the last history minute
-- ARGV[6] conversationKeyPrefix: conversation keys are this prefix and the id in braces
-- ARGV[7...] counsellorIds
-- Returns a JSON object: counsellors [[id, status, live 0|1, load, away reason or '']...], active [{...}], hour and today
-- [answered, answered in time, unanswered, unanswered past the target], tags {}, endings {}, history [{m, w?, l?, a, s}].
local now = nowMillis()
local result = {counsellors = {}, active = {}, history = {}}
local firstMinute, lastMinute = tonumber(ARGV[4]), tonumber(ARGV[5])
local counsellorKeys = 5 + lastMinute - firstMinute + 1
for i = 7, #ARGV do
  local k = counsellorKeys + (i - 7) * 4
  local live = hasLiveConsole(KEYS[k + 1], now) and 1 or 0
  local state = redis.call('HMGET', KEYS[k], 'status', 'awayReason')
  result.counsellors[#result.counsellors + 1] = {ARGV[i], state[1] or '', live,
    counsellorLoad(KEYS[k + 2], KEYS[k + 3]), state[2] or ''}
end

-- HMGET gives false for a missing field: 'or nil' leaves it out of the JSON.
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local c = redis.call('HMGET', hashTagged(ARGV[6], id), 'association', 'counsellorName', 'createdAt', 'answeredAt',
    'assignedAt', 'danger', 'children', 'risk', 'visitorAway', 'visitorAwaySince')
  if c[3] then
    result.active[#result.active + 1] = {id = id, association = c[1] or '', counsellorName = c[2] or '',
      createdAt = tonumber(c[3]), answeredAt = tonumber(c[4] or c[5] or c[3]), danger = c[6] == '1',
      children = c[7] == '1', risk = c[8] or nil, visitorAway = c[9] or nil,
      visitorAwaySince = tonumber(c[10] or '0')}
  end
end

local hourFrom, dayFrom, target = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local hour, today = {0, 0, 0, 0}, {0, 0, 0, 0}
local answeredByMinute = {}
local from = math.min(hourFrom, dayFrom, firstMinute * 60000)
local waits = redis.call('ZRANGEBYSCORE', KEYS[2], from, '+inf', 'WITHSCORES')
for i = 1, #waits, 2 do
  local _, _, waited, kind = string.find(waits[i], '|(-?%d+)|(%a)$')
  local at = tonumber(waits[i + 1])
  if waited then
    waited = tonumber(waited)
    local slot = kind == 'a' and 1 or 3
    local late = waited > target
    for _, window in ipairs({{hour, hourFrom}, {today, dayFrom}}) do
      if at >= window[2] then
        local counts = window[1]
        counts[slot] = counts[slot] + 1
        if kind == 'a' and not late then
          counts[2] = counts[2] + 1
        elseif kind ~= 'a' and late then
          counts[4] = counts[4] + 1
        end
      end
    end
    local minute = math.floor(at / 60000)
    if kind == 'a' and minute >= firstMinute and minute <= lastMinute then
      local point = answeredByMinute[minute] or {0, 0}
      answeredByMinute[minute] = {point[1] + 1, point[2] + waited}
    end
  end
end
result.hour, result.today = hour, today

for minute = firstMinute, lastMinute do
  local sample = redis.call('HMGET', KEYS[5 + minute - firstMinute], 'waiting', 'longestWait')
  local answered = answeredByMinute[minute]
  if sample[1] or answered then
    result.history[#result.history + 1] = {m = minute, w = tonumber(sample[1]), l = tonumber(sample[2]),
      a = answered and answered[1] or 0, s = answered and answered[2] or 0}
  end
end

local function counts(key)
  local flat = redis.call('HGETALL', key)
  local map = {}
  for i = 1, #flat, 2 do
    map[flat[i]] = tonumber(flat[i + 1])
  end
  return map
end
result.tags = counts(KEYS[3])
result.endings = counts(KEYS[4])
return cjson.encode(result)
