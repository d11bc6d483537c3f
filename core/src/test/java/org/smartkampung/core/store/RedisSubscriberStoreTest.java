package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.subscriber.SubscriberStoreContract;
import org.smartkampung.core.testing.RedisTopologies;
import redis.clients.jedis.UnifiedJedis;

@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedisSubscriberStoreTest extends SubscriberStoreContract {

  private final UnifiedJedis jedis;

  RedisSubscriberStoreTest(RedisTopology topology) {
    this.jedis = RedisTopologies.jedis(topology);
  }

  @Override
  protected SubscriberStore newStore() {
    return new RedisSubscriberStore(jedis);
  }

  @Test
  void storedHashHoldsThePasswordHashNeverTheCleartext() {
    Subscriber siti = subscriber("siti", village);
    store.create(siti);

    Map<String, String> hash = jedis.hgetAll(RedisSubscriberStore.key(siti.username()));

    assertThat(hash).isNotEmpty();
    assertThat(hash.values()).noneMatch(value -> value.contains("rahasia-siti"));
    assertThat(PasswordHasher.looksLikeHash(hash.get("passwordHash"))).isTrue();
  }

  @Test
  void danglingIndexEntryIsSkippedOnRead() {
    Subscriber a = subscriber("agus", village);
    store.create(a);
    jedis.sadd(RedisSubscriberStore.villageKey(village), "crashed-before-write-" + suffix);

    assertThat(store.listByVillage(village)).containsExactly(a);
  }
}
