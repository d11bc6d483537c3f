-- The quota ledger's one round trip. All keys share the village hash tag {v:<village>}.
-- KEYS[1] village day bytes     KEYS[2] village month bytes
-- KEYS[3] user day hash (b = bytes, s = seconds)
-- KEYS[4] devices online hash (device -> session id)
-- KEYS[5] session last cumulative counters hash (i, o, s)
-- KEYS[6] village bytes in this local hour (for the usage chart and budget report)
-- KEYS[7] user totals hash over all days (b = bytes, s = seconds), kept ARGV[11] after last use
-- ARGV[1] op: charge | account | check | start | end
-- ARGV[2..4] in bytes, out bytes, seconds (deltas for charge, cumulative totals for account)
-- ARGV[5] device id   ARGV[6] session id
-- ARGV[7] day keys, ARGV[8] month key time to live (seconds; relative, so Redis's clock rules)
-- ARGV[9] session and device keys time to live (seconds)
-- ARGV[10] hour key time to live (seconds)
-- ARGV[11] user totals time to live (seconds)
-- Returns {user day bytes, user day seconds, village day bytes, village month bytes, devices,
--          user total bytes, user total seconds}.
local op = ARGV[1]

-- Lua numbers are doubles; '%d' keeps integers below 2^53 exact where tostring would not.
local function int(n)
  return string.format('%d', n)
end

local dIn, dOut, dSec = 0, 0, 0
if op == 'charge' then
  dIn, dOut, dSec = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
elseif op == 'account' then
  local tIn, tOut, tSec = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
  local last = redis.call('HMGET', KEYS[5], 'i', 'o', 's')
  local pIn, pOut, pSec = tonumber(last[1]) or 0, tonumber(last[2]) or 0, tonumber(last[3]) or 0
  if tIn < pIn or tOut < pOut or tSec < pSec then
    -- Counters went backwards: the NAS restarted counting from zero.
    dIn, dOut, dSec = tIn, tOut, tSec
  else
    dIn, dOut, dSec = tIn - pIn, tOut - pOut, tSec - pSec
  end
  redis.call('HSET', KEYS[5], 'i', ARGV[2], 'o', ARGV[3], 's', ARGV[4])
  redis.call('EXPIRE', KEYS[5], ARGV[9])
elseif op == 'start' then
  redis.call('HSET', KEYS[4], ARGV[5], ARGV[6])
  redis.call('EXPIRE', KEYS[4], ARGV[9])
elseif op == 'end' then
  -- A re-login of the same device has replaced the session id: keep the device online.
  if redis.call('HGET', KEYS[4], ARGV[5]) == ARGV[6] then
    redis.call('HDEL', KEYS[4], ARGV[5])
  end
  redis.call('DEL', KEYS[5])
end

local ub, us, vd, vm, tb, ts
if op == 'charge' or op == 'account' then
  -- A period key's time to live is set when the key is made (its count equals this charge):
  -- one EXPIRE per period instead of one per record.
  local bytes = int(dIn + dOut)
  local sec = int(dSec)
  vd = redis.call('INCRBY', KEYS[1], bytes)
  if vd == tonumber(bytes) then redis.call('EXPIRE', KEYS[1], ARGV[7]) end
  vm = redis.call('INCRBY', KEYS[2], bytes)
  if vm == tonumber(bytes) then redis.call('EXPIRE', KEYS[2], ARGV[8]) end
  if redis.call('INCRBY', KEYS[6], bytes) == tonumber(bytes) then
    redis.call('EXPIRE', KEYS[6], ARGV[10])
  end
  ub = redis.call('HINCRBY', KEYS[3], 'b', bytes)
  us = redis.call('HINCRBY', KEYS[3], 's', sec)
  if ub == tonumber(bytes) and us == tonumber(sec) then redis.call('EXPIRE', KEYS[3], ARGV[7]) end
  tb = redis.call('HINCRBY', KEYS[7], 'b', bytes)
  ts = redis.call('HINCRBY', KEYS[7], 's', sec)
  redis.call('EXPIRE', KEYS[7], ARGV[11])
else
  local u = redis.call('HMGET', KEYS[3], 'b', 's')
  ub, us = tonumber(u[1]) or 0, tonumber(u[2]) or 0
  vd = tonumber(redis.call('GET', KEYS[1])) or 0
  vm = tonumber(redis.call('GET', KEYS[2])) or 0
  local t = redis.call('HMGET', KEYS[7], 'b', 's')
  tb, ts = tonumber(t[1]) or 0, tonumber(t[2]) or 0
end

local devices = redis.call('HLEN', KEYS[4])
if op == 'check' and redis.call('HEXISTS', KEYS[4], ARGV[5]) == 1 then
  -- Re-login of a device already online does not take another device slot.
  devices = devices - 1
end
return {ub, us, vd, vm, devices, tb, ts}
