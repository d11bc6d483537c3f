package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.login.RememberedDeviceStore;
import org.smartkampung.core.login.RememberedDeviceStoreContract;
import org.smartkampung.core.testing.RedisTestServer;
import redis.clients.jedis.UnifiedJedis;

class RedisRememberedDeviceStoreTest extends RememberedDeviceStoreContract {

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
  protected RememberedDeviceStore newStore() {
    return new RedisRememberedDeviceStore(jedis);
  }

  @Test
  void keyIsScopedByVillageAndExpiresWithTheDevice() {
    store.remember(device("siti", Duration.ofDays(30)));

    String key = RedisRememberedDeviceStore.key(village, MAC);
    assertThat(key).isEqualTo("kampung:device:{" + village + "}:" + MAC);
    long expiresAtMillis = jedis.pexpireTime(key);
    assertThat(expiresAtMillis).isEqualTo(NOW.plus(Duration.ofDays(30)).toEpochMilli());
  }
}
