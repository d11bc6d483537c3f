package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.config.RegistryStore;
import org.smartkampung.core.config.RegistryStore.Outcome;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.testing.RedisTopologies;
import org.smartkampung.core.village.RegisteredVillage;
import redis.clients.jedis.UnifiedJedis;

/**
 * Two servers race on the registry: one removes a village while the other adds a hotspot to it.
 * Exactly one wins, and never is a hotspot left in a removed village.
 */
@ParameterizedClass
@EnumSource(RedisTopology.class)
class RegistryRaceTest {

  private static final int ROUNDS = 40;

  private final RedisTopology topology;
  private final String prefix = "test-" + UUID.randomUUID() + ":";
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  RegistryRaceTest(RedisTopology topology) {
    this.topology = topology;
  }

  @AfterEach
  void close() throws Exception {
    threads.shutdownNow();
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  @Test
  void removingAVillageAndAddingAHotspotToItAtTwoServersNeverLeavesAnOrphan() throws Exception {
    RegistryStore atA = registry();
    RegistryStore atB = registry();
    int removed = 0;
    for (int i = 0; i < ROUNDS; i++) {
      String village = "desa" + i;
      String hotspot = "balai-" + i;
      atA.addVillage(
          new RegisteredVillage(village, "Desa " + i, "Glagah", "Asia/Jakarta", null, false));
      CyclicBarrier start = new CyclicBarrier(2);
      CompletableFuture<Outcome> remove =
          CompletableFuture.supplyAsync(
              () -> {
                await(start);
                return atA.removeVillageWithoutNasClients(village);
              },
              threads);
      CompletableFuture<Outcome> add =
          CompletableFuture.supplyAsync(
              () -> {
                await(start);
                return atB.saveNasClientInVillage(nas(hotspot, village), true, false);
              },
              threads);

      Outcome removal = remove.get();
      Outcome addition = add.get();
      boolean villageLeft = atB.village(village).isPresent();
      boolean hotspotLeft = atA.nasClient(hotspot).isPresent();
      assertThat(villageLeft || !hotspotLeft)
          .as("round %d: no hotspot of a removed village", i)
          .isTrue();
      if (removal == Outcome.DONE) {
        assertThat(addition).isEqualTo(Outcome.NO_SUCH_VILLAGE);
        removed++;
      } else {
        assertThat(removal).isEqualTo(Outcome.VILLAGE_HAS_NAS_CLIENTS);
        assertThat(addition).isEqualTo(Outcome.DONE);
      }
    }
    System.out.println(
        "RegistryRaceTest " + topology + ": removal won " + removed + " of " + ROUNDS);
  }

  @Test
  void hashesOfTheOlderLayoutAreMovedIn() {
    UnifiedJedis jedis = connection();
    jedis.hset(
        prefix + "villages",
        "lama",
        StoreJson.write(
            new RegisteredVillage("lama", "Lama", "Glagah", "Asia/Jakarta", null, false)));

    RegistryStore registry = registry();

    assertThat(registry.village("lama")).isPresent();
    assertThat(jedis.exists(prefix + "villages")).isFalse();
  }

  private static NasClientSettings nas(String name, String village) {
    return new NasClientSettings(
        name,
        "10.9.0.1",
        "sangat-rahasia-0123456789",
        NasType.MIKROTIK,
        village,
        MessageAuthenticatorPolicy.YES,
        3799);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private UnifiedJedis connection() {
    UnifiedJedis jedis = RedisConnector.connect(RedisTopologies.settings(topology));
    opened.add(jedis);
    return jedis;
  }

  private RegistryStore registry() {
    return AdminStoreFactory.redis(connection(), prefix, () -> {}).registry();
  }
}
