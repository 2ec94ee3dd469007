-- Spend admission in one atomic step: open breakers refuse; the monthly caps and spend-velocity limits
-- count settled spend plus what requests in flight hold, so concurrent requests cannot overrun a cap by
-- more than one request's cost. Crossing a velocity limit trips the breaker (it stays open until an admin
-- resets it). On admission, the request's worst-case cost is held until it settles.
-- KEYS: 1 month spend, 2 held, 3 holds (zset), 4 hold amounts, 5 team velocity, 6 token velocity, 7 breakers
-- ARGV: 1 token id, 2 request id, 3 micros, 4 team cap, 5 token cap, 6 team velocity max, 7 its window (s),
--       8 token velocity max, 9 its window (s), 10 hold lifetime (ms)
-- Returns: { refusal (SpendRefusal), spent incl. held, limit, tripped (0/1) }
local tok = 'tok:' .. ARGV[1]
expire_holds(KEYS[2], KEYS[3], KEYS[4])
if redis.call('HEXISTS', KEYS[7], 'team') == 1 then return { 1, 0, 0, 0 } end
if redis.call('HEXISTS', KEYS[7], tok) == 1 then return { 2, 0, 0, 0 } end

local micros = tonumber(ARGV[3])
local held_team = num(redis.call('HGET', KEYS[2], 'team'))
local held_tok = num(redis.call('HGET', KEYS[2], tok))

local team_cap, tok_cap = tonumber(ARGV[4]), tonumber(ARGV[5])
if team_cap > 0 then
  local spent = num(redis.call('HGET', KEYS[1], 'team')) + held_team
  if spent + micros > team_cap then return { 3, spent, team_cap, 0 } end
end
if tok_cap > 0 then
  local spent = num(redis.call('HGET', KEYS[1], tok)) + held_tok
  if spent + micros > tok_cap then return { 4, spent, tok_cap, 0 } end
end

local team_max, tok_max = tonumber(ARGV[6]), tonumber(ARGV[8])
if team_max > 0 then
  local used = velocity_sum(KEYS[5], tonumber(ARGV[7])) + held_team
  if used + micros > team_max then
    redis.call('HSET', KEYS[7], 'team', now_ms)
    return { 5, used, team_max, 1 }
  end
end
if tok_max > 0 then
  local used = velocity_sum(KEYS[6], tonumber(ARGV[9])) + held_tok
  if used + micros > tok_max then
    redis.call('HSET', KEYS[7], tok, now_ms)
    return { 6, used, tok_max, 1 }
  end
end

redis.call('ZADD', KEYS[3], now_ms + tonumber(ARGV[10]), ARGV[2])
redis.call('HSET', KEYS[4], ARGV[2], ARGV[1] .. ' ' .. ARGV[3])
redis.call('HINCRBY', KEYS[2], 'team', micros)
redis.call('HINCRBY', KEYS[2], tok, micros)
return { 0, 0, 0, 0 }
