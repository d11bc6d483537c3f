package org.smartkampung.core.store;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.smartkampung.core.redis.RedisScript;
import org.smartkampung.core.report.MonthRollup;
import org.smartkampung.core.report.MonthlyRollups;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link MonthlyRollups} on Redis: per village and month a hash ({@code d:<date>} = 24 hourly byte
 * counts, {@code sessions}, {@code open}, {@code up}) and two sets (villagers, devices), all under
 * the village's hash tag and each given a TTL of {@link #TTL_SECONDS} at every write, so they are
 * kept at least 13 months and then end by themselves.
 */
final class RedisMonthlyRollups implements MonthlyRollups {

  /**
   * 14 months from the last write of a month (its last write is in its own month or just after).
   */
  static final long TTL_SECONDS = 14L * 31 * 24 * 3600;

  private static final RedisScript HSET =
      new RedisScript(
          "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])\n"
              + "redis.call('EXPIRE', KEYS[1], ARGV[3])\n"
              + "return 1\n");

  private static final RedisScript ACTIVITY =
      new RedisScript(
          "local max = tonumber(ARGV[5])\n"
              + "if ARGV[1] ~= '' and redis.call('SCARD', KEYS[2]) < max then\n"
              + "  redis.call('SADD', KEYS[2], ARGV[1])\n"
              + "end\n"
              + "if ARGV[2] ~= '' and redis.call('SCARD', KEYS[3]) < max then\n"
              + "  redis.call('SADD', KEYS[3], ARGV[2])\n"
              + "end\n"
              + "if ARGV[3] == '1' then redis.call('HINCRBY', KEYS[1], 'sessions', 1) end\n"
              + "for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ARGV[4]) end\n"
              + "return 1\n");

  private static final RedisScript AVAILABILITY =
      new RedisScript(
          "redis.call('HINCRBY', KEYS[1], 'open', ARGV[1])\n"
              + "redis.call('HINCRBY', KEYS[1], 'up', ARGV[2])\n"
              + "redis.call('EXPIRE', KEYS[1], ARGV[3])\n"
              + "return 1\n");

  private final UnifiedJedis jedis;

  RedisMonthlyRollups(UnifiedJedis jedis) {
    this.jedis = jedis;
  }

  static String key(String villageId, YearMonth month) {
    return "{v:" + villageId + "}:report:" + month;
  }

  @Override
  public void putDay(String villageId, LocalDate day, long[] bytesByHour) {
    StringBuilder csv = new StringBuilder();
    for (int h = 0; h < 24; h++) {
      csv.append(h == 0 ? "" : ",").append(h < bytesByHour.length ? bytesByHour[h] : 0);
    }
    HSET.run(
        jedis,
        List.of(key(villageId, YearMonth.from(day))),
        List.of("d:" + day, csv.toString(), Long.toString(TTL_SECONDS)));
  }

  @Override
  public void activity(
      String villageId, YearMonth month, String userId, String deviceId, boolean newSession) {
    String key = key(villageId, month);
    ACTIVITY.run(
        jedis,
        List.of(key, key + ":users", key + ":devices"),
        List.of(
            userId == null ? "" : userId,
            deviceId == null ? "" : deviceId,
            newSession ? "1" : "0",
            Long.toString(TTL_SECONDS),
            Integer.toString(MAX_DISTINCT)));
  }

  @Override
  public void availability(String villageId, YearMonth month, long openSeconds, long upSeconds) {
    AVAILABILITY.run(
        jedis,
        List.of(key(villageId, month)),
        List.of(Long.toString(openSeconds), Long.toString(upSeconds), Long.toString(TTL_SECONDS)));
  }

  @Override
  public MonthRollup month(String villageId, YearMonth month) {
    String key = key(villageId, month);
    Map<String, String> hash = jedis.hgetAll(key);
    long[] byHour = new long[24];
    long bytes = 0;
    for (Map.Entry<String, String> e : hash.entrySet()) {
      if (e.getKey().startsWith("d:")) {
        String[] values = e.getValue().split(",");
        for (int h = 0; h < 24 && h < values.length; h++) {
          long b = Long.parseLong(values[h]);
          byHour[h] += b;
          bytes += b;
        }
      }
    }
    return new MonthRollup(
        villageId,
        month,
        bytes,
        byHour,
        jedis.scard(key + ":users"),
        jedis.scard(key + ":devices"),
        Long.parseLong(hash.getOrDefault("sessions", "0")),
        Long.parseLong(hash.getOrDefault("open", "0")),
        Long.parseLong(hash.getOrDefault("up", "0")));
  }
}
