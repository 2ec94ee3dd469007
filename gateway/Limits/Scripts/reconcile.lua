-- Corrects a reservation to the real usage: adds ARGV[2] (actual - reserved, may be negative) to the bucket
-- ARGV[1] of each tokens-per-minute window in KEYS, and to the window's sum 't' (see admit.lua), if that
-- bucket is still in the window. A bucket that has left the window no longer counts, and must not be brought back.
local BUCKETS = 61
local now = tonumber(redis.call('TIME')[1])
if now - tonumber(ARGV[1]) >= BUCKETS then return 0 end
for i = 1, #KEYS do
  if redis.call('HEXISTS', KEYS[i], ARGV[1]) == 1 then
    redis.call('HINCRBY', KEYS[i], ARGV[1], ARGV[2])
    redis.call('HINCRBY', KEYS[i], 't', ARGV[2])
  end
end
return 1
