package org.smartkampung.core.store;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.login.FailedLogin;
import org.smartkampung.core.login.FailedLogins;
import org.smartkampung.core.redis.RedisScript;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link FailedLogins} on Redis: one list per village under its hash tag, pushed, trimmed to {@link
 * #KEPT_PER_VILLAGE} and given a TTL in one script, so no key grows or lives forever.
 */
final class RedisFailedLogins implements FailedLogins {

  private static final Logger log = LoggerFactory.getLogger(RedisFailedLogins.class);

  /** A village's list ends this long after its last failure. */
  static final long TTL_SECONDS = 7 * 24 * 3600;

  private static final RedisScript PUSH =
      new RedisScript(
          "redis.call('LPUSH', KEYS[1], ARGV[1])\n"
              + "redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)\n"
              + "redis.call('EXPIRE', KEYS[1], ARGV[3])\n"
              + "return 1\n");

  private final UnifiedJedis jedis;

  RedisFailedLogins(UnifiedJedis jedis) {
    this.jedis = jedis;
  }

  static String key(String villageId) {
    return "{v:" + villageId + "}:failed-logins";
  }

  @Override
  public void record(FailedLogin failed) {
    try {
      PUSH.run(
          jedis,
          List.of(key(failed.villageId())),
          List.of(
              StoreJson.write(failed),
              Integer.toString(KEPT_PER_VILLAGE),
              Long.toString(TTL_SECONDS)));
    } catch (RuntimeException e) {
      log.debug("failed login of village {} not kept: {}", failed.villageId(), e.toString());
    }
  }

  @Override
  public List<FailedLogin> recent(String villageId, int limit) {
    int n = Math.min(limit, KEPT_PER_VILLAGE);
    List<FailedLogin> out = new ArrayList<>();
    if (n <= 0) {
      return out;
    }
    for (String json : jedis.lrange(key(villageId), 0, n - 1)) {
      out.add(StoreJson.read(json, FailedLogin.class));
    }
    return out;
  }
}
