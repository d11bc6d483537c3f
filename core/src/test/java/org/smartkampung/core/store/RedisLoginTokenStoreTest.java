package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.login.LoginTokenStore;
import org.smartkampung.core.login.LoginTokenStoreContract;
import org.smartkampung.core.testing.RedisTopologies;
import redis.clients.jedis.UnifiedJedis;

@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedisLoginTokenStoreTest extends LoginTokenStoreContract {

  private final UnifiedJedis jedis;

  RedisLoginTokenStoreTest(RedisTopology topology) {
    this.jedis = RedisTopologies.jedis(topology);
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
