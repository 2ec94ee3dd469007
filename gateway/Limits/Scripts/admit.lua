-- Admission in one atomic step: check and reserve requests-per-minute and tokens-per-minute for a team
-- and (when it has its own limits) one of its tokens. Mirrors SlidingWindow.cs / EmbeddedAdmissionStore.cs.
-- Windows are hashes of one-second buckets (field = unix second, value = amount); the current second plus
-- the 60 before it are counted, so any real 60-second span is covered. Redis's clock is the only clock.
-- KEYS: 1 team tpm, 2 team rpm, 3 token tpm, 4 token rpm (all under the team's hash tag: one cluster slot)
-- ARGV: 1 team tpm limit, 2 team rpm limit, 3 token tpm limit, 4 token rpm limit (0 = none), 5 tokens to reserve
-- Returns: { refusal (0 none, 1 requests, 2 tokens, 3 request larger than the tpm limit), retry_ms, now_s,
--            req_limit, req_remaining, req_reset_ms, tok_limit, tok_remaining, tok_reset_ms }
local BUCKETS = 61
local t = redis.call('TIME')
local now = tonumber(t[1])
local now_ms = now * 1000 + math.floor(tonumber(t[2]) / 1000)

local function load(key)
  local data = redis.call('HGETALL', key)
  local buckets, used = {}, 0
  for i = 1, #data, 2 do
    local sec = tonumber(data[i])
    if now - sec >= BUCKETS then
      redis.call('HDEL', key, data[i])
    else
      local v = tonumber(data[i + 1])
      buckets[sec] = v
      used = used + v
    end
  end
  return { buckets = buckets, used = used }
end

local function retry_after(w, limit, needed)
  local used = w.used
  for age = BUCKETS - 1, 0, -1 do
    local sec = now - age
    used = used - (w.buckets[sec] or 0)
    if used + needed <= limit then
      return math.max(1, (sec + BUCKETS) * 1000 - now_ms)
    end
  end
  return BUCKETS * 1000
end

local function reset_ms(w)
  for age = BUCKETS - 1, 0, -1 do
    local sec = now - age
    if (w.buckets[sec] or 0) > 0 then
      return math.max(0, (sec + BUCKETS) * 1000 - now_ms)
    end
  end
  return 0
end

local tokens = tonumber(ARGV[5])
local limits = { tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]) }
local n = (limits[3] > 0 or limits[4] > 0) and 4 or 2
local w = {}
for i = 1, n do w[i] = load(KEYS[i]) end

local refusal, retry = 0, 0
for _, i in ipairs({ 1, 3 }) do
  if i <= n and limits[i] > 0 and tokens > limits[i] then refusal = 3 end
end
for _, i in ipairs({ 2, 4 }) do
  if refusal == 0 and i <= n and limits[i] > 0 and w[i].used + 1 > limits[i] then
    refusal, retry = 1, retry_after(w[i], limits[i], 1)
  end
end
for _, i in ipairs({ 1, 3 }) do
  if refusal == 0 and i <= n and limits[i] > 0 and w[i].used + tokens > limits[i] then
    refusal, retry = 2, retry_after(w[i], limits[i], tokens)
  end
end

if refusal == 0 then
  local amounts = { tokens, 1, tokens, 1 }
  for i = 1, n do
    redis.call('HINCRBY', KEYS[i], now, amounts[i])
    redis.call('PEXPIRE', KEYS[i], (BUCKETS + 1) * 1000)
    w[i].used = w[i].used + amounts[i]
    w[i].buckets[now] = (w[i].buckets[now] or 0) + amounts[i]
  end
end

-- Headers report the tighter of the team's and the token's windows; a 0 limit means none.
local function report(a, b)
  local la, ra, sa = limits[a], math.max(0, limits[a] - w[a].used), reset_ms(w[a])
  if b <= n and limits[b] > 0 then
    local lb, rb, sb = limits[b], math.max(0, limits[b] - w[b].used), reset_ms(w[b])
    if la <= 0 or rb < ra then return lb, rb, sb end
  end
  return la, ra, sa
end
local rl, rr, rs = report(2, 4)
local tl, tr, ts = report(1, 3)
return { refusal, retry, now, rl, rr, rs, tl, tr, ts }
