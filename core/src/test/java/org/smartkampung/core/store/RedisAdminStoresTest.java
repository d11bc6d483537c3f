package org.smartkampung.core.store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartkampung.core.admin.AdminStoresContract;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.testing.RedisTopologies;
import redis.clients.jedis.UnifiedJedis;

/** Reopening makes a new client, as a restarted process would; Redis keeps the data. */
@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedisAdminStoresTest extends AdminStoresContract {

  private static String prefix;

  private final RedisTopology topology;

  RedisAdminStoresTest(RedisTopology topology) {
    this.topology = topology;
  }

  @BeforeAll
  static void prefix() {
    prefix = "test-admin-" + System.nanoTime() + ":";
  }

  @Override
  protected AdminStores open() {
    UnifiedJedis jedis = RedisConnector.connect(RedisTopologies.settings(topology));
    return AdminStoreFactory.redis(jedis, prefix + topology + ":", jedis::close);
  }
}
