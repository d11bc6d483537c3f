package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.admin.AdminSession;
import org.smartkampung.core.admin.AdminSessionStore;
import org.smartkampung.core.admin.AdminSessionStoreContract;
import org.smartkampung.core.testing.RedisTestServer;
import redis.clients.jedis.UnifiedJedis;

class RedisAdminSessionStoreTest extends AdminSessionStoreContract {

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
  protected AdminSessionStore newStore() {
    return new RedisAdminSessionStore(jedis, "kampung-test:");
  }

  @Override
  protected AdminSessionStore sameBackend(AdminSessionStore first) {
    return new RedisAdminSessionStore(jedis2, "kampung-test:");
  }

  @Test
  void everyKeyExpires() {
    AdminSession s = session("admin-ttl");
    store.create(s);

    assertThat(jedis.pttl("kampung-test:admin-session:" + s.id())).isPositive();
    assertThat(jedis.pttl("kampung-test:admin-sessions:admin-ttl")).isPositive();
  }
}
