-- The quota ledger's one round trip. All keys share the village hash tag {v:<village>}.
-- KEYS[1] village day bytes     KEYS[2] village month bytes
-- KEYS[3] user day hash (b = bytes, s = seconds)
-- KEYS[4] the user's devices online: device -> session id, or '~<until millis>' for a slot
--         reserved at Access-Accept and not yet confirmed by a Start
-- KEYS[5] the session: last cumulative counters (i, o, s), event time of the newest record in
--         millis (e), closed (c = 1, at millis x), its device (d); kept ARGV[9] after its last change
-- KEYS[6] village bytes in this local hour (for the usage chart and budget report)
-- KEYS[7] user totals hash over all days (b = bytes, s = seconds), kept ARGV[11] after last use
-- ARGV[1] op: charge | record | close | check | reserve (closemany: see below)
-- ARGV[2..4] in bytes, out bytes, seconds (deltas for charge, cumulative totals for record)
-- ARGV[5] device id   ARGV[6] session id
-- ARGV[7] day keys, ARGV[8] month key time to live (seconds; relative, so Redis's clock rules)
-- ARGV[9] session and device keys time to live (seconds)
-- ARGV[10] hour key time to live (seconds)
-- ARGV[11] user totals time to live (seconds)
-- ARGV[12] record kind: start | interim | stop     ARGV[13] the record's event time (millis)
-- ARGV[14] now (millis)   ARGV[15] reserve: max devices   ARGV[16] reserve: held until (millis)
-- Returns {user day bytes, user day seconds, village day bytes, village month bytes, devices,
--          user total bytes, user total seconds, reserved (1/0), session open (1/0)}.
-- The charging rule is SessionCharge's (Java); the ledger contract tests hold both to it.
local op = ARGV[1]
local WRAP = 4294967296
local TOLERANCE = 2000

-- Lua numbers are doubles; '%d' keeps integers below 2^53 exact where tostring would not.
local function int(n)
  return string.format('%d', n)
end

local function maxn(a, b)
  if a > b then return a end
  return b
end

local function delta(p, n, timeWentOn)
  if n >= p then return n - p end
  if timeWentOn and p < WRAP and n < WRAP then return WRAP - p + n end
  return 0
end

-- Devices online now; drops reservations that were never confirmed in time.
local function liveDevices(devKey, now)
  local all = redis.call('HGETALL', devKey)
  local count = 0
  for i = 1, #all, 2 do
    local value = all[i + 1]
    if string.sub(value, 1, 1) == '~' and tonumber(string.sub(value, 2)) <= now then
      redis.call('HDEL', devKey, all[i])
    else
      count = count + 1
    end
  end
  return count
end

local function freeDevice(devKey, device, session)
  -- A re-login of the same device has replaced the session id: keep the device online.
  if device and device ~= '' and redis.call('HGET', devKey, device) == session then
    redis.call('HDEL', devKey, device)
  end
end

-- Closes a session that may not exist: an unknown one only frees the device named.
local function closeSession(sKey, devKey, session, fallbackDevice, at, ttl)
  local state = redis.call('HMGET', sKey, 'c', 'd', 'e')
  local recorded = state[2] or fallbackDevice
  freeDevice(devKey, recorded, session)
  if fallbackDevice ~= recorded then freeDevice(devKey, fallbackDevice, session) end
  if state[3] == false then return end
  if state[1] ~= '1' then
    redis.call('HSET', sKey, 'c', '1', 'x', at)
  end
  redis.call('EXPIRE', sKey, ttl)
end

if op == 'closemany' then
  -- Accounting-On/Off: many sessions of one village in one call.
  -- KEYS: devices hash and session key of each session, in pairs.
  -- ARGV[2] now (millis), ARGV[3] session time to live, then device id and session id of each.
  for i = 1, #KEYS / 2 do
    local devKey, sKey = KEYS[2 * i - 1], KEYS[2 * i]
    closeSession(sKey, devKey, ARGV[3 + 2 * i], ARGV[2 + 2 * i], ARGV[2], ARGV[3])
  end
  return #KEYS / 2
end

local now = tonumber(ARGV[14]) or 0
local dIn, dOut, dSec = 0, 0, 0
local reserved = 0
local open = 1
-- Whether the villager's all-time totals get their time to live renewed by this call.
local totalsRefresh = true
if op == 'charge' then
  dIn, dOut, dSec = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
elseif op == 'record' then
  local kind, at = ARGV[12], tonumber(ARGV[13])
  local tIn, tOut, tSec = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
  local st = redis.call('HMGET', KEYS[5], 'i', 'o', 's', 'e', 'c', 'x', 'd')
  local kIn, kOut, kSec, newest = tIn, tOut, tSec, true
  local register = kind ~= 'stop'
  -- Time to live and device slot are renewed on a session's first record, its Start, and then
  -- once an hour of records by event time (a quarter of the time to live if that is shorter),
  -- which every NAS sends: not on every Interim-Update.
  local refresh = st[1] == false or kind == 'start'
  local every = math.min(3600000, tonumber(ARGV[9]) * 250)
  if st[1] == false or (st[5] == '1' and kind == 'start' and at > tonumber(st[6])) then
    -- First record of the session, or a Start that opens a closed id anew.
    dIn, dOut, dSec = tIn, tOut, tSec
    if st[5] == '1' then redis.call('HDEL', KEYS[5], 'c', 'x') end
  else
    local pIn, pOut, pSec = tonumber(st[1]), tonumber(st[2]), tonumber(st[3])
    if st[4] == false or math.floor(at / every) ~= math.floor(tonumber(st[4]) / every) then
      refresh = true
    end
    if st[5] == '1' then
      dIn, dOut, dSec = maxn(0, tIn - pIn), maxn(0, tOut - pOut), maxn(0, tSec - pSec)
      kIn, kOut, kSec = maxn(pIn, tIn), maxn(pOut, tOut), maxn(pSec, tSec)
      newest, register = false, false
    elseif tSec <= pSec and tIn <= pIn and tOut <= pOut
        and not (tSec == pSec and tIn == pIn and tOut == pOut) then
      if kind ~= 'start' and tSec * 1000 <= at - tonumber(st[4]) + TOLERANCE then
        dIn, dOut, dSec = tIn, tOut, tSec -- the NAS restarted the session: count from zero
      else
        kIn, kOut, kSec, newest = pIn, pOut, pSec, false -- a late record: nothing new
      end
    else
      local on = tSec > pSec
      dIn, dOut, dSec = delta(pIn, tIn, on), delta(pOut, tOut, on), maxn(0, tSec - pSec)
      if tSec < pSec then
        kIn, kOut, kSec, newest = maxn(pIn, tIn), maxn(pOut, tOut), pSec, false
      end
    end
  end
  totalsRefresh = refresh
  -- The session's state in one write.
  local fields = {'i', int(kIn), 'o', int(kOut), 's', int(kSec)}
  if newest or st[4] == false then
    fields[#fields + 1] = 'e'
    fields[#fields + 1] = int(at)
  end
  if ARGV[5] ~= '' and (st[7] == false or register) and st[7] ~= ARGV[5] then
    fields[#fields + 1] = 'd'
    fields[#fields + 1] = ARGV[5]
  end
  if kind == 'stop' and st[5] ~= '1' then
    fields[#fields + 1] = 'c'
    fields[#fields + 1] = '1'
    fields[#fields + 1] = 'x'
    fields[#fields + 1] = int(at)
  end
  redis.call('HSET', KEYS[5], unpack(fields))
  if register and refresh then
    -- A Start claims the device; another record only when its Start was lost, so a late record
    -- of an old session never takes the device back from a newer one.
    if kind == 'start' then
      redis.call('HSET', KEYS[4], ARGV[5], ARGV[6])
    else
      redis.call('HSETNX', KEYS[4], ARGV[5], ARGV[6])
    end
    redis.call('EXPIRE', KEYS[4], ARGV[9])
  end
  if kind == 'stop' or not register then
    open = 0
  end
  if kind == 'stop' then
    -- closeSession's work, with the state read above: free the device, keep the record a while.
    local recorded = st[7] or ARGV[5]
    freeDevice(KEYS[4], recorded, ARGV[6])
    if ARGV[5] ~= recorded then freeDevice(KEYS[4], ARGV[5], ARGV[6]) end
    redis.call('EXPIRE', KEYS[5], ARGV[9])
  elseif refresh then
    redis.call('EXPIRE', KEYS[5], ARGV[9])
  end
elseif op == 'close' then
  closeSession(KEYS[5], KEYS[4], ARGV[6], ARGV[5], ARGV[14], ARGV[9])
elseif op == 'reserve' then
  local current = redis.call('HGET', KEYS[4], ARGV[5])
  if current and string.sub(current, 1, 1) ~= '~' then
    reserved = 1 -- the device is online already: a re-login takes no new slot
  else
    if current then redis.call('HDEL', KEYS[4], ARGV[5]) end
    if liveDevices(KEYS[4], now) < tonumber(ARGV[15]) then
      redis.call('HSET', KEYS[4], ARGV[5], '~' .. ARGV[16])
      redis.call('EXPIRE', KEYS[4], ARGV[9])
      reserved = 1
    end
  end
end

local ub, us, vd, vm, tb, ts
if dIn + dOut + dSec > 0 then
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
  if totalsRefresh or tb == tonumber(bytes) then redis.call('EXPIRE', KEYS[7], ARGV[11]) end
else
  local u = redis.call('HMGET', KEYS[3], 'b', 's')
  ub, us = tonumber(u[1]) or 0, tonumber(u[2]) or 0
  vd = tonumber(redis.call('GET', KEYS[1])) or 0
  vm = tonumber(redis.call('GET', KEYS[2])) or 0
  local t = redis.call('HMGET', KEYS[7], 'b', 's')
  tb, ts = tonumber(t[1]) or 0, tonumber(t[2]) or 0
end

-- A login looks at each device slot (and drops held slots that expired); an accounting record
-- only needs the count, and must not pay for a villager with many stale entries.
local devices
if op == 'check' or op == 'reserve' then
  devices = liveDevices(KEYS[4], now)
else
  devices = redis.call('HLEN', KEYS[4])
end
if (op == 'check' or op == 'reserve') and redis.call('HEXISTS', KEYS[4], ARGV[5]) == 1 then
  -- Re-login of a device already online does not take another device slot.
  devices = devices - 1
end
return {ub, us, vd, vm, devices, tb, ts, reserved, open}
