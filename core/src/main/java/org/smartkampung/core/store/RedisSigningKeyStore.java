package org.smartkampung.core.store;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.smartkampung.core.redis.RedisScript;
import org.smartkampung.core.signing.SigningKeyStore;
import redis.clients.jedis.UnifiedJedis;

/**
 * Signing keys in Redis, one key per rotation period: {@code <prefix>signing-key:<period>} holding
 * the key in base64, with a TTL. The first process to ask makes it; the script answers everyone
 * else with the stored one.
 */
public final class RedisSigningKeyStore implements SigningKeyStore {

  private static final RedisScript GET_OR_SET =
      new RedisScript(
          """
          local v = redis.call('GET', KEYS[1])
          if v then return v end
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return ARGV[1]
          """);

  private final UnifiedJedis jedis;
  private final String prefix;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param prefix of the keys, {@code kampung:} in production
   */
  public RedisSigningKeyStore(UnifiedJedis jedis, String prefix) {
    this.jedis = jedis;
    this.prefix = prefix;
  }

  @Override
  public byte[] keyOf(long period, Duration keepFor) {
    byte[] made = new byte[KEY_BYTES];
    random.nextBytes(made);
    Object stored =
        GET_OR_SET.run(
            jedis,
            List.of(prefix + "signing-key:" + period),
            List.of(
                Base64.getEncoder().encodeToString(made),
                Long.toString(Math.max(1, keepFor.toMillis()))));
    return Base64.getDecoder().decode(stored.toString());
  }
}
