package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.admin.SignInAttempts;
import org.smartkampung.core.admin.SignInAttemptsContract;
import org.smartkampung.core.testing.RedisTestServer;
import redis.clients.jedis.UnifiedJedis;

class RedisSignInAttemptsTest extends SignInAttemptsContract {

  private static UnifiedJedis jedis;
  private static UnifiedJedis jedis2;

  @BeforeAll
  static void connect() {
    jedis = RedisConnector.connect(RedisTestServer.settings());
    jedis2 = RedisConnector.connect(RedisTestServer.settings());
  }

  @AfterAll
  static void disconnect() {
    if (jedis != null) {
      jedis.close();
    }
    if (jedis2 != null) {
      jedis2.close();
    }
  }

  @Override
  protected SignInAttempts newStore() {
    return new RedisSignInAttempts(jedis, "kampung-test:");
  }

  @Override
  protected SignInAttempts sameBackend(SignInAttempts first) {
    return new RedisSignInAttempts(jedis2, "kampung-test:");
  }

  @Test
  void theCounterExpiresWithItsWindow() {
    String key = key();
    store.reserve(key, 5, WINDOW, now);

    assertThat(jedis.pttl("kampung-test:signin:" + key)).isBetween(1L, WINDOW.toMillis());
  }
}
