-- What the supervisor dashboard needs besides the queue, the counsellors and the active chats (read a batch at a time:
-- dashboard_counsellors.lua, dashboard_chats.lua), in one round trip: the answers and unanswered ends against the
-- service-level target, counted per minute from the first minute the node does not keep already (WaitTally), and in
-- the part of a minute where the last hour starts; today's outcome counters; and the queue samples of some minutes.
-- Nothing returned identifies a visitor.
--
-- Flags: no-writes (it only reads)
-- KEYS[1] waits
-- KEYS[2] outcomeCounts: today's outcome tag counts
-- KEYS[3] endingCounts: today's ending counts
-- KEYS[4...] minuteSamples: the sample of each minute from ARGV[4] to ARGV[5]
-- ARGV[1] hourFrom: start of the last hour (ms)
-- ARGV[2] scanFrom: the first minute's start (ms) of the waits to count
-- ARGV[3] serviceLevel: the service-level target (ms)
-- ARGV[4] firstMinute: the first history minute (epoch minute)
-- ARGV[5] lastMinute: the last history minute
-- Returns a JSON object: minutes [[minute, answered, answered in time, unanswered, unanswered past the target, sum of
-- the answered waits]...], hourEdge [answered, answered in time, unanswered, unanswered past the target], tags {},
-- endings {}, samples [{m, w?, l?}].
local result = {}

local hourFrom, scanFrom, target = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
-- calls each wait of waits (a ZRANGEBYSCORE reply) with its time, 'a' or 'u', waited ms and whether past the target
local function eachWait(waits, count)
  for i = 1, #waits, 2 do
    local _, _, waited, kind = string.find(waits[i], '|(-?%d+)|(%a)$')
    if waited then
      waited = tonumber(waited)
      count(tonumber(waits[i + 1]), kind, waited, waited > target)
    end
  end
end
-- counts[base + 1..4]: answered, answered in time, unanswered, unanswered past the target
local function add(counts, base, kind, late)
  local slot = base + (kind == 'a' and 1 or 3)
  counts[slot] = counts[slot] + 1
  if kind == 'a' and not late then
    counts[base + 2] = counts[base + 2] + 1
  elseif kind ~= 'a' and late then
    counts[base + 4] = counts[base + 4] + 1
  end
end

local byMinute, order = {}, {}
eachWait(redis.call('ZRANGEBYSCORE', KEYS[1], scanFrom, '+inf', 'WITHSCORES'), function(at, kind, waited, late)
  local minute = math.floor(at / 60000)
  local counts = byMinute[minute]
  if not counts then
    counts = {minute, 0, 0, 0, 0, 0}
    byMinute[minute] = counts
    order[#order + 1] = minute
  end
  add(counts, 1, kind, late)
  if kind == 'a' then
    counts[6] = counts[6] + waited
  end
end)
result.minutes = {}
for _, minute in ipairs(order) do
  result.minutes[#result.minutes + 1] = byMinute[minute]
end
local edge = {0, 0, 0, 0}
local edgeEnd = (math.floor(hourFrom / 60000) + 1) * 60000
eachWait(redis.call('ZRANGEBYSCORE', KEYS[1], hourFrom, '(' .. edgeEnd, 'WITHSCORES'), function(at, kind, waited, late)
  add(edge, 0, kind, late)
end)
result.hourEdge = edge

local firstMinute, lastMinute = tonumber(ARGV[4]), tonumber(ARGV[5])
result.samples = {}
for minute = firstMinute, lastMinute do
  local sample = redis.call('HMGET', KEYS[4 + minute - firstMinute], 'waiting', 'longestWait')
  if sample[1] then
    result.samples[#result.samples + 1] = {m = minute, w = tonumber(sample[1]), l = tonumber(sample[2])}
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
result.tags = counts(KEYS[2])
result.endings = counts(KEYS[3])
return cjson.encode(result)
