package org.smartkampung.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.smartkampung.core.admin.SignInAttempts;
import org.smartkampung.core.redis.RedisScript;
import redis.clients.jedis.UnifiedJedis;

/**
 * Sign-in attempts in Redis, shared by every portal instance: {@code <prefix>signin:<key>} counts
 * the window's attempts and expires with the window (PEXPIRE at its first attempt), so nobody
 * sweeps. Reserve and release are one Lua script each, atomic on a single key (Cluster-safe).
 */
public final class RedisSignInAttempts implements SignInAttempts {

  // KEYS[1] counter; ARGV[1] max, ARGV[2] window millis. Returns 0 or the millis left.
  private static final RedisScript RESERVE =
      new RedisScript(
          """
          local n = redis.call('INCR', KEYS[1])
          if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
          if n > tonumber(ARGV[1]) then
            redis.call('DECR', KEYS[1])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 1 then ttl = 1 end
            return ttl
          end
          return 0
          """);

  private static final RedisScript RELEASE =
      new RedisScript(
          """
          local n = tonumber(redis.call('GET', KEYS[1]) or '0')
          if n > 0 then redis.call('DECR', KEYS[1]) end
          return 0
          """);

  private final UnifiedJedis jedis;
  private final String prefix;

  public RedisSignInAttempts(UnifiedJedis jedis, String prefix) {
    this.jedis = jedis;
    this.prefix = prefix;
  }

  private String key(String key) {
    return prefix + "signin:" + key;
  }

  @Override
  public long reserve(String key, int max, Duration window, Instant now) {
    long millis =
        ((Number)
                RESERVE.run(
                    jedis,
                    List.of(key(key)),
                    List.of(Integer.toString(max), Long.toString(window.toMillis()))))
            .longValue();
    return millis == 0 ? 0 : Math.max(1, (millis + 999) / 1000);
  }

  @Override
  public void release(String key, Instant now) {
    RELEASE.run(jedis, List.of(key(key)), List.of());
  }

  @Override
  public void record(String key, Duration window, Instant now) {
    reserve(key, Integer.MAX_VALUE, window, now);
  }

  @Override
  public int count(String key, Instant now) {
    String n = jedis.get(key(key));
    return n == null ? 0 : Integer.parseInt(n);
  }
}
