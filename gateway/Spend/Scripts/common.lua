-- Shared by reserve.lua and settle.lua (prepended when the scripts are loaded). Mirrors VelocityWindow.cs
-- and EmbeddedSpendStore.cs. Redis's clock is the only clock; amounts are integer micro-dollars.
local BUCKET = 5                      -- seconds per velocity bucket
local MAX_BACK = 17280                -- buckets kept: the longest window a policy may name (24 h)
local t = redis.call('TIME')
local now_s = tonumber(t[1])
local now_ms = now_s * 1000 + math.floor(tonumber(t[2]) / 1000)

-- Spend in the window: the current bucket plus the buckets covering the window before it. Reads only those
-- buckets (HMGET), so the cost follows the window, not the 24 hours of buckets a busy team's hash holds.
local function velocity_sum(key, win)
  local current = math.floor(now_s / BUCKET)
  local back = math.floor((win + BUCKET - 1) / BUCKET)
  local sum = 0
  -- In chunks: unpack() is bounded by Lua's C stack (a 24 h window has 17,281 buckets).
  for first = current - back, current, 1000 do
    local fields = {}
    for b = first, math.min(first + 999, current) do fields[#fields + 1] = b end
    local values = redis.call('HMGET', key, unpack(fields))
    for i = 1, #values do
      if values[i] then sum = sum + tonumber(values[i]) end
    end
  end
  -- Buckets older than the longest window go: the one that just aged out on every call, and the rest in a
  -- full sweep only when the hash has grown past what the longest window needs (a gap in traffic left some).
  redis.call('HDEL', key, current - MAX_BACK - 1)
  if redis.call('HLEN', key) > MAX_BACK + 2 then
    local data = redis.call('HGETALL', key)
    for i = 1, #data, 2 do
      if tonumber(data[i]) < current - MAX_BACK then redis.call('HDEL', key, data[i]) end
    end
  end
  return sum
end

-- Releases the hold of one request (no-op when already released or expired); returns the amount it held, or nil.
local function release(held, holds, amounts, id)
  if redis.call('ZREM', holds, id) == 1 then
    local v = redis.call('HGET', amounts, id)
    redis.call('HDEL', amounts, id)
    if v then
      local sp = string.find(v, ' ', 1, true)
      local micros = tonumber(string.sub(v, sp + 1))
      redis.call('HINCRBY', held, 'team', -micros)
      redis.call('HINCRBY', held, 'tok:' .. string.sub(v, 1, sp - 1), -micros)
      return micros
    end
  end
  return nil
end

-- Holds of requests that never settled (their replica died) stop counting once they expire.
local function expire_holds(held, holds, amounts)
  local expired = redis.call('ZRANGEBYSCORE', holds, '-inf', now_ms, 'LIMIT', 0, 100)
  for _, id in ipairs(expired) do release(held, holds, amounts, id) end
end

local function num(v) return tonumber(v or '0') or 0 end
