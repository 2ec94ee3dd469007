-- Settles one request exactly once (by request id): releases its hold, appends the ledger record to the
-- team's stream, adds the cost to the month, the velocity windows and the day's aggregates, and reports a
-- soft alert threshold crossed by this request and a breaker it tripped.
-- KEYS: 1 month spend, 2 held, 3 holds, 4 hold amounts, 5 team velocity, 6 token velocity, 7 breakers,
--       8 seen marker, 9 ledger stream, 10 day aggregates
-- ARGV: 1 token id, 2 request id, 3 cost, 4 input tokens, 5 output tokens, 6 aggregate field suffix,
--       7 team cap, 8 token cap, 9 alert percent, 10 team velocity max, 11 its window (s),
--       12 token velocity max, 13 its window (s), 14 seen marker lifetime (s), 15 record (JSON)
-- Returns: { recorded (0 duplicate), team month after, token month after, team alert, token alert, tripped }
local tok = 'tok:' .. ARGV[1]
local hold = release(KEYS[2], KEYS[3], KEYS[4], ARGV[2])
if not redis.call('SET', KEYS[8], '1', 'NX', 'EX', ARGV[14]) then return { 0, 0, 0, 0, 0, 0 } end

local cost = tonumber(ARGV[3])
local team_after = redis.call('HINCRBY', KEYS[1], 'team', ARGV[3])
local tok_after = redis.call('HINCRBY', KEYS[1], tok, ARGV[3])
local bucket = math.floor(now_s / BUCKET)
for _, key in ipairs({ KEYS[5], KEYS[6] }) do
  redis.call('HINCRBY', key, bucket, ARGV[3])
  redis.call('EXPIRE', key, MAX_BACK * BUCKET + 60)
end
redis.call('XADD', KEYS[9], '*', 'r', ARGV[15])
local f = ARGV[6]
redis.call('HINCRBY', KEYS[10], 'c' .. f, ARGV[3])
redis.call('HINCRBY', KEYS[10], 'i' .. f, ARGV[4])
redis.call('HINCRBY', KEYS[10], 'o' .. f, ARGV[5])
redis.call('HINCRBY', KEYS[10], 'n' .. f, 1)

local pct = tonumber(ARGV[9])
local function crossed(after, cap)
  if cap <= 0 then return 0 end
  local threshold = cap * pct
  if (after - cost) * 100 < threshold and after * 100 >= threshold then return 1 end
  return 0
end

-- A request that cost no more than it held cannot cross a velocity limit here: its reservation already
-- counted the settled spend plus every hold in flight (this one included) under the limit, settling only
-- turns holds into costs no larger, and the window only drops spend as it slides. So the two window reads
-- run only when the cost exceeded the hold, or there was no hold (expired, or made by a replica's local fallback).
local tripped = 0
local team_max, tok_max = tonumber(ARGV[10]), tonumber(ARGV[12])
if hold and cost <= hold then
  team_max, tok_max = 0, 0
end
if team_max > 0 and redis.call('HEXISTS', KEYS[7], 'team') == 0 and velocity_sum(KEYS[5], tonumber(ARGV[11])) > team_max then
  redis.call('HSET', KEYS[7], 'team', now_ms)
  tripped = 5
elseif tok_max > 0 and redis.call('HEXISTS', KEYS[7], tok) == 0 and velocity_sum(KEYS[6], tonumber(ARGV[13])) > tok_max then
  redis.call('HSET', KEYS[7], tok, now_ms)
  tripped = 6
end
return { 1, team_after, tok_after, crossed(team_after, tonumber(ARGV[7])), crossed(tok_after, tonumber(ARGV[8])), tripped }
