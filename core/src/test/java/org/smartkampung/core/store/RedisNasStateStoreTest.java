package org.smartkampung.core.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.smartkampung.core.nas.NasStateStore;
import org.smartkampung.core.nas.NasStateStoreContract;
import org.smartkampung.core.testing.RedisTestServer;
import redis.clients.jedis.UnifiedJedis;

class RedisNasStateStoreTest extends NasStateStoreContract {

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
  protected NasStateStore newStore() {
    return new RedisNasStateStore(jedis);
  }
}
