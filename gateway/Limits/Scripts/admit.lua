-- Admission in one atomic step: check and reserve requests-per-minute and tokens-per-minute for a team
-- and (when it has its own limits) one of its tokens. Mirrors SlidingWindow.cs / EmbeddedAdmissionStore.cs.
-- Windows are hashes of one-second buckets (field = unix second, value = amount); the current second plus
-- the 60 before it are counted, so any real 60-second span is covered. Redis's clock is the only clock.
-- Each window hash also keeps 't' (the sum of its buckets) and 'o' (no bucket is older than this second).
-- Buckets leave the window oldest first, so keeping the sum costs about one field read per second that
-- passes, instead of reading all 61 buckets of four windows on every request (the script's main cost).
-- KEYS: 1 team tpm, 2 team rpm, 3 token tpm, 4 token rpm (all under the team's hash tag: one cluster slot)
-- ARGV: 1 team tpm limit, 2 team rpm limit, 3 token tpm limit, 4 token rpm limit (0 = none), 5 tokens to reserve
-- Returns: { refusal (0 none, 1 requests, 2 tokens, 3 request larger than the tpm limit), retry_ms, now_s,
--            req_limit, req_remaining, req_reset_ms, tok_limit, tok_remaining, tok_reset_ms }
local BUCKETS = 61
local t = redis.call('TIME')
local now = tonumber(t[1])
local now_ms = now * 1000 + math.floor(tonumber(t[2]) / 1000)

-- Sum and oldest bucket from every field: for a new (or expired) window, or one whose bookkeeping is missing.
local function rebuild(key)
  local data = redis.call('HGETALL', key)
  local used, oldest = 0, now
  for i = 1, #data, 2 do
    local sec = tonumber(data[i])
    if sec then
      if now - sec >= BUCKETS then
        redis.call('HDEL', key, data[i])
      else
        used = used + tonumber(data[i + 1])
        if sec < oldest then oldest = sec end
      end
    end
  end
  return { key = key, used = used, oldest = oldest, changed = true }
end

local function load(key)
  local meta = redis.call('HMGET', key, 't', 'o')
  local used, oldest = tonumber(meta[1]), tonumber(meta[2])
  if not used or not oldest or oldest > now or now - oldest > 2 * BUCKETS then
    return rebuild(key)
  end
  local start = oldest
  -- Drop the buckets that left the window, then stop at the oldest bucket that still exists. The mark never
  -- passes an existing bucket: a reconcile may still change it, and its amount must leave the sum with it.
  while oldest < now do
    if now - oldest >= BUCKETS then
      local v = redis.call('HGET', key, oldest)
      if v then
        used = used - tonumber(v)
        redis.call('HDEL', key, oldest)
      end
    elseif redis.call('HEXISTS', key, oldest) == 1 then
      break
    end
    oldest = oldest + 1
  end
  return { key = key, used = used, oldest = oldest, changed = oldest ~= start }
end

local function buckets_of(w)
  local fields = {}
  for sec = w.oldest, now do fields[#fields + 1] = sec end
  local values = redis.call('HMGET', w.key, unpack(fields))
  local buckets = {}
  for i = 1, #fields do buckets[fields[i]] = tonumber(values[i] or '0') or 0 end
  return buckets
end

-- Only on a refusal: when enough old buckets will have left the window for the request to fit.
local function retry_after(w, limit, needed)
  local buckets = buckets_of(w)
  local used = w.used
  for age = BUCKETS - 1, 0, -1 do
    local sec = now - age
    used = used - (buckets[sec] or 0)
    if used + needed <= limit then
      return math.max(1, (sec + BUCKETS) * 1000 - now_ms)
    end
  end
  return BUCKETS * 1000
end

-- When the oldest bucket with an amount leaves the window (usually the first one looked at).
local function reset_ms(w)
  if w.used <= 0 then return 0 end
  for sec = w.oldest, now do
    local v = tonumber(redis.call('HGET', w.key, sec) or '0') or 0
    if v > 0 then
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
    w[i].used = w[i].used + amounts[i]
    redis.call('HSET', KEYS[i], 't', w[i].used, 'o', w[i].oldest)
    redis.call('PEXPIRE', KEYS[i], (BUCKETS + 1) * 1000)
  end
else
  for i = 1, n do
    if w[i].changed and redis.call('EXISTS', KEYS[i]) == 1 then
      redis.call('HSET', KEYS[i], 't', w[i].used, 'o', w[i].oldest)
    end
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
