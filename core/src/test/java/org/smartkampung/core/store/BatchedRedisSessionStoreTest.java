package org.smartkampung.core.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.smartkampung.core.redis.RedisBatcher;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.core.session.SessionStoreContract;
import org.smartkampung.core.testing.RedisTestServer;
import redis.clients.jedis.UnifiedJedis;

/** The session store contract with asynchronous puts sent through pipelines. */
class BatchedRedisSessionStoreTest extends SessionStoreContract {

  private static UnifiedJedis jedis;
  private static RedisBatcher batcher;

  @BeforeAll
  static void connect() {
    jedis = RedisConnector.connect(RedisTestServer.settings());
    batcher = new RedisBatcher(jedis, "test");
  }

  @AfterAll
  static void disconnect() {
    if (batcher != null) {
      batcher.close();
    }
    if (jedis != null) {
      jedis.close();
    }
  }

  @Override
  protected SessionStore newStore() {
    return new RedisSessionStore(jedis, batcher);
  }
}
