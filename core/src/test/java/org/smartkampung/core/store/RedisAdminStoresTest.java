package org.smartkampung.core.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.smartkampung.core.admin.AdminStoresContract;
import org.smartkampung.core.testing.RedisTestServer;
import redis.clients.jedis.UnifiedJedis;

/** Reopening makes a new client, as a restarted process would; Redis keeps the data. */
class RedisAdminStoresTest extends AdminStoresContract {

  private static String prefix;

  @BeforeAll
  static void checkRedis() {
    RedisTestServer.uri();
    prefix = "test-admin-" + System.nanoTime() + ":";
  }

  @AfterAll
  static void done() {}

  @Override
  protected AdminStores open() {
    UnifiedJedis jedis = RedisConnector.connect(RedisTestServer.settings());
    return AdminStoreFactory.redis(jedis, prefix, jedis::close);
  }
}
