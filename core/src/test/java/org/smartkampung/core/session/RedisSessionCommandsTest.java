package org.smartkampung.core.session;

import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.smartkampung.core.store.RedisConnector;
import org.smartkampung.core.store.RedisSessionCommands;
import org.smartkampung.core.testing.RedisTestServer;
import redis.clients.jedis.UnifiedJedis;

class RedisSessionCommandsTest extends SessionCommandsContract {

  private UnifiedJedis jedis;

  @Override
  protected SessionCommands channel() {
    jedis = RedisConnector.connect(RedisTestServer.settings());
    jedis.del("kampung:commands:kick", "kampung:commands:limits");
    return new RedisSessionCommands(jedis, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    if (jedis != null) {
      jedis.close();
    }
  }
}
