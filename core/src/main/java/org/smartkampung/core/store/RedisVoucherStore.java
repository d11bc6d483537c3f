package org.smartkampung.core.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.smartkampung.core.redis.RedisScript;
import org.smartkampung.core.voucher.RedeemResult;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.core.voucher.VoucherStore;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;
import redis.clients.jedis.params.ZRangeParams;

/**
 * Vouchers in Redis.
 *
 * <p>Keys: {@code kampung:voucher:{<CODE>}} a hash per voucher; {@code
 * kampung:vouchers:{v:<village>}} a sorted set of the village's codes scored by creation time in
 * epoch millis. Redeem, mark-used and revoke touch one hash only and run as Lua scripts, so they
 * are atomic on a Cluster too. The index lives in another slot: it is written before the data and
 * cleaned after it, and reads skip dangling entries.
 *
 * <p>createAll cannot be atomic across slots: it first checks that no code exists, then creates
 * each voucher only if absent, and if a concurrent writer took a code meanwhile it deletes the ones
 * it made and returns false. A reader may glimpse part of a failing batch; the end state is all or
 * nothing. Fresh random codes make that race practically unreachable.
 *
 * <p>Instants are stored as ISO-8601 text, exact to the nanosecond; the expiry is also stored as
 * epoch seconds plus nanos so the redeem script compares it exactly.
 */
public final class RedisVoucherStore implements VoucherStore {

  private static final RedisScript CREATE =
      new RedisScript(
          """
          if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
          redis.call('HSET', KEYS[1], unpack(ARGV))
          return 1
          """);

  /**
   * ARGV: village, device, now epoch second, now nanos, now ISO-8601. Mirrors VoucherRedemption.
   */
  private static final RedisScript REDEEM =
      new RedisScript(
          """
          local v = redis.call('HMGET', KEYS[1], 'villageId', 'status', 'expiresAtSecond',
              'expiresAtNano', 'maxDevices', 'devices')
          if not v[1] or v[1] ~= ARGV[1] then return 'UNKNOWN' end
          local status = v[2]
          if status == 'REVOKED' or status == 'EXPIRED' then return status end
          local nowSecond, nowNano = tonumber(ARGV[3]), tonumber(ARGV[4])
          local expSecond, expNano = tonumber(v[3]), tonumber(v[4])
          if nowSecond > expSecond or (nowSecond == expSecond and nowNano >= expNano) then
            return 'EXPIRED'
          end
          if status == 'USED' then return 'USED' end
          local devices = v[6] or ''
          local count = 0
          for device in string.gmatch(devices, '[^,]+') do
            if device == ARGV[2] then return 'ALREADY_YOURS' end
            count = count + 1
          end
          if count >= tonumber(v[5]) then return 'USED' end
          if devices == '' then devices = ARGV[2] else devices = devices .. ',' .. ARGV[2] end
          redis.call('HSET', KEYS[1], 'devices', devices, 'status', 'IN_USE')
          redis.call('HSETNX', KEYS[1], 'firstUsedAt', ARGV[5])
          return 'REDEEMED'
          """);

  /** ARGV: new status, a status that is kept (or ''). Returns 1 when the status was set. */
  private static final RedisScript SET_STATUS =
      new RedisScript(
          """
          local status = redis.call('HGET', KEYS[1], 'status')
          if not status or status == ARGV[2] then return 0 end
          redis.call('HSET', KEYS[1], 'status', ARGV[1])
          return 1
          """);

  private final UnifiedJedis jedis;

  public RedisVoucherStore(UnifiedJedis jedis) {
    this.jedis = jedis;
  }

  static String key(String code) {
    return "kampung:voucher:{" + code + "}";
  }

  static String villageKey(String villageId) {
    return "kampung:vouchers:{v:" + villageId + "}";
  }

  @Override
  public Optional<Voucher> find(String code) {
    return decode(jedis.hgetAll(key(code)));
  }

  @Override
  public boolean createAll(List<Voucher> vouchers) {
    Set<String> codes = new HashSet<>();
    for (Voucher voucher : vouchers) {
      if (!codes.add(voucher.code())) {
        return false;
      }
    }
    List<Response<Boolean>> exists = new ArrayList<>();
    try (AbstractPipeline pipeline = jedis.pipelined()) {
      vouchers.forEach(v -> exists.add(pipeline.exists(key(v.code()))));
      pipeline.sync();
    }
    if (exists.stream().anyMatch(Response::get)) {
      return false;
    }
    for (Voucher voucher : vouchers) {
      // NX: a code already listed (a concurrent batch) keeps its entry and score.
      jedis.zadd(
          villageKey(voucher.villageId()),
          (double) voucher.createdAt().toEpochMilli(),
          voucher.code(),
          ZAddParams.zAddParams().nx());
    }
    List<Voucher> created = new ArrayList<>();
    for (Voucher voucher : vouchers) {
      Object ok = CREATE.run(jedis, List.of(key(voucher.code())), fieldArgs(voucher));
      if (!Long.valueOf(1).equals(ok)) {
        for (Voucher mine : created) {
          jedis.del(key(mine.code()));
          jedis.zrem(villageKey(mine.villageId()), mine.code());
        }
        return false;
      }
      created.add(voucher);
    }
    return true;
  }

  @Override
  public RedeemResult redeem(String villageId, String code, String deviceId, Instant now) {
    VoucherRedemption.checkDeviceId(deviceId);
    Object result =
        REDEEM.run(
            jedis,
            List.of(key(code)),
            List.of(
                villageId,
                deviceId,
                Long.toString(now.getEpochSecond()),
                Integer.toString(now.getNano()),
                now.toString()));
    return RedeemResult.valueOf((String) result);
  }

  @Override
  public boolean markUsed(String code) {
    return setStatus(code, VoucherStatus.USED, VoucherStatus.REVOKED.name());
  }

  @Override
  public boolean revoke(String code) {
    return setStatus(code, VoucherStatus.REVOKED, "");
  }

  @Override
  public List<Voucher> listByVillage(String villageId) {
    List<Response<Map<String, String>>> replies = new ArrayList<>();
    try (AbstractPipeline pipeline = jedis.pipelined()) {
      for (String code :
          jedis.zrange(villageKey(villageId), ZRangeParams.zrangeParams(0, -1).rev())) {
        replies.add(pipeline.hgetAll(key(code)));
      }
      pipeline.sync();
    }
    return replies.stream()
        .map(reply -> decode(reply.get()))
        .flatMap(Optional::stream)
        .filter(v -> v.villageId().equals(villageId))
        .sorted(VoucherRedemption.NEWEST_FIRST)
        .toList();
  }

  private boolean setStatus(String code, VoucherStatus status, String keep) {
    Object set = SET_STATUS.run(jedis, List.of(key(code)), List.of(status.name(), keep));
    return Long.valueOf(1).equals(set);
  }

  private static List<String> fieldArgs(Voucher v) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("code", v.code());
    fields.put("villageId", v.villageId());
    fields.put("batchId", v.batchId() == null ? "" : v.batchId());
    fields.put("createdAt", v.createdAt().toString());
    Instant expiresAt = v.expiresAt();
    fields.put("expiresAt", expiresAt.toString());
    fields.put("expiresAtSecond", Long.toString(expiresAt.getEpochSecond()));
    fields.put("expiresAtNano", Integer.toString(expiresAt.getNano()));
    fields.put("bytesLimit", Long.toString(v.bytesLimit()));
    fields.put("minutesLimit", Long.toString(v.minutesLimit()));
    fields.put("maxDevices", Integer.toString(v.maxDevices()));
    fields.put("status", v.status().name());
    if (v.firstUsedAt() != null) {
      fields.put("firstUsedAt", v.firstUsedAt().toString());
    }
    fields.put("devices", v.devices() == null ? "" : v.devices());
    List<String> args = new ArrayList<>();
    fields.forEach(
        (name, value) -> {
          args.add(name);
          args.add(value);
        });
    return args;
  }

  private static Optional<Voucher> decode(Map<String, String> hash) {
    if (hash == null || hash.isEmpty()) {
      return Optional.empty();
    }
    String firstUsedAt = hash.get("firstUsedAt");
    return Optional.of(
        new Voucher(
            hash.get("code"),
            hash.get("villageId"),
            hash.get("batchId"),
            Instant.parse(hash.get("createdAt")),
            Instant.parse(hash.get("expiresAt")),
            Long.parseLong(hash.get("bytesLimit")),
            Long.parseLong(hash.get("minutesLimit")),
            Integer.parseInt(hash.get("maxDevices")),
            VoucherStatus.valueOf(hash.get("status")),
            firstUsedAt == null ? null : Instant.parse(firstUsedAt),
            hash.get("devices")));
  }
}
