package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smartkampung.core.health.HotspotSightings;
import org.smartkampung.core.health.HotspotState;
import org.smartkampung.core.testing.RedisTestServer;
import redis.clients.jedis.UnifiedJedis;

/** Last sightings keep the latest, announcements swap atomically, forget removes both. */
class HotspotSightingsTest {

  static Stream<String> stores() {
    return Stream.of("embedded", "redis");
  }

  @TempDir Path dataDir;

  private HotspotSightings open(String kind) {
    return kind.equals("embedded")
        ? new EmbeddedHotspotSightings(dataDir, 0)
        : new RedisHotspotSightings(RedisTestServer.client());
  }

  @Test
  void theEmbeddedStoreKeepsLastSeenAndTheAnnouncedStateAcrossARestart() {
    Instant t = Instant.parse("2026-11-28T12:00:00Z");
    EmbeddedHotspotSightings before = new EmbeddedHotspotSightings(dataDir, 0);
    before.seen("kemiren-balai", t);
    before.seen("olehsari-pos", t.plusSeconds(60));
    before.announce("kemiren-balai", HotspotState.DOWN);
    before.close();

    EmbeddedHotspotSightings after = new EmbeddedHotspotSightings(dataDir, 0);

    // The overview still says when it was heard; the watch does not announce "down" again.
    assertThat(after.lastSeen())
        .containsEntry("kemiren-balai", t)
        .containsEntry("olehsari-pos", t.plusSeconds(60));
    assertThat(after.announce("kemiren-balai", HotspotState.DOWN)).contains(HotspotState.DOWN);
    after.forget("olehsari-pos");
    after.close();
    EmbeddedHotspotSightings again = new EmbeddedHotspotSightings(dataDir, 0);
    assertThat(again.lastSeen()).containsOnlyKeys("kemiren-balai");
    again.close();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void theLatestSightingWinsAndAnnouncementsSwap(String kind) {
    HotspotSightings sightings = open(kind);
    String name = "hs-" + UUID.randomUUID();
    Instant t = Instant.parse("2026-11-28T12:00:00Z");

    sightings.seen(name, t.plusSeconds(60));
    sightings.seen(name, t); // a late write of an older packet
    assertThat(sightings.lastSeen()).containsEntry(name, t.plusSeconds(60));

    assertThat(sightings.announce(name, HotspotState.DOWN)).isEmpty();
    assertThat(sightings.announce(name, HotspotState.DOWN)).contains(HotspotState.DOWN);
    assertThat(sightings.announce(name, HotspotState.UP)).contains(HotspotState.DOWN);

    sightings.forget(name);
    assertThat(sightings.lastSeen()).doesNotContainKey(name);
    assertThat(sightings.announce(name, HotspotState.UP)).isEmpty();
    if (kind.equals("redis")) {
      try (UnifiedJedis jedis = RedisTestServer.client()) {
        assertThat(jedis.ttl(RedisHotspotSightings.ANNOUNCED)).isPositive();
      }
    }
  }
}
