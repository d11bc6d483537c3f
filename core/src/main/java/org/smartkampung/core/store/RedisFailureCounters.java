package org.smartkampung.core.store;

import java.time.Duration;
import java.util.List;
import org.smartkampung.core.redis.RedisScript;
import org.smartkampung.core.throttle.FailureCounters;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link FailureCounters} on Redis, shared by every server: one key {@code kampung:fail:<key>} per
 * counter, created with its window as TTL by the same script that increments it, so no key ever
 * lives without one. One key per call, so it also runs on Redis Cluster.
 */
public final class RedisFailureCounters implements FailureCounters {

  static final String PREFIX = "kampung:fail:";

  // INCR and the TTL in one step; a key found without a TTL (it cannot be, but) gets one too.
  private static final RedisScript INCREMENT =
      new RedisScript(
          "local n = redis.call('INCR', KEYS[1])\n"
              + "if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then\n"
              + "  redis.call('PEXPIRE', KEYS[1], ARGV[1])\n"
              + "end\n"
              + "return n\n");

  // Never creates a key: DECR of a missing key would make one without a TTL.
  private static final RedisScript DECREMENT =
      new RedisScript(
          "local n = tonumber(redis.call('GET', KEYS[1]))\n"
              + "if n and n > 0 then return redis.call('DECR', KEYS[1]) end\n"
              + "return 0\n");

  private final UnifiedJedis jedis;

  public RedisFailureCounters(UnifiedJedis jedis) {
    this.jedis = jedis;
  }

  static String key(String key) {
    return PREFIX + key;
  }

  @Override
  public long increment(String key, Duration window) {
    long millis = Math.max(1, window.toMillis());
    return (Long) INCREMENT.run(jedis, List.of(key(key)), List.of(Long.toString(millis)));
  }

  @Override
  public void decrement(String key) {
    DECREMENT.run(jedis, List.of(key(key)), List.of());
  }
}
