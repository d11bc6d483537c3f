package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.login.LoginTokenStore;
import org.smartkampung.core.login.LoginTokenStoreContract;
import org.smartkampung.core.testing.RedisTestServer;
import redis.clients.jedis.UnifiedJedis;

class RedisLoginTokenStoreTest extends LoginTokenStoreContract {

  private static UnifiedJedis jedis;

  @BeforeAll
  static void connect() {
    jedis = RedisConnector.connect(RedisTestServer.settings());
  }

  @AfterAll
  static void disconnect() {
    if (jedis != null) {
      jedis.close();
    }
  }

  @Override
  protected LoginTokenStore newStore() {
    return new RedisLoginTokenStore(jedis);
  }

  @Test
  void tokenKeyExpiresWithTheToken() {
    LoginToken t = token(Instant.now().plusSeconds(120));
    store.mint(t);

    long ttlMillis = jedis.pttl(RedisLoginTokenStore.key(t.username()));

    assertThat(ttlMillis).isBetween(1L, 120_000L);
  }
}
