package org.smartkampung.core.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.store.EmbeddedSigningKeyStore;
import org.smartkampung.core.store.RedisConnector;
import org.smartkampung.core.store.RedisSigningKeyStore;
import org.smartkampung.core.testing.MutableClock;
import org.smartkampung.core.testing.RedisTopologies;
import redis.clients.jedis.UnifiedJedis;

/** Keys that sign cookies and forms come from the store, are shared, and rotate with overlap. */
class SigningKeysTest {

  private static final Duration ROTATION = Duration.ofHours(24);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));

  @TempDir Path dataDir;

  @Test
  void embeddedKeysSurviveARestart() {
    SigningKey before;
    try (EmbeddedSigningKeyStore store = new EmbeddedSigningKeyStore(dataDir)) {
      before = SigningKeys.rotatingWithoutThread(store, clock, ROTATION).current();
    }
    try (EmbeddedSigningKeyStore store = new EmbeddedSigningKeyStore(dataDir)) {
      assertThat(SigningKeys.rotatingWithoutThread(store, clock, ROTATION).current())
          .isEqualTo(before);
    }
  }

  @Test
  void twoInstancesOnRedisSignWithTheSameKey() {
    String prefix = "test-" + UUID.randomUUID() + ":";
    for (RedisTopology topology : new RedisTopology[] {RedisTopology.STANDALONE}) {
      try (UnifiedJedis a = RedisConnector.connect(RedisTopologies.settings(topology));
          UnifiedJedis b = RedisConnector.connect(RedisTopologies.settings(topology))) {
        SigningKeys atA =
            SigningKeys.rotatingWithoutThread(new RedisSigningKeyStore(a, prefix), clock, ROTATION);
        SigningKeys atB =
            SigningKeys.rotatingWithoutThread(new RedisSigningKeyStore(b, prefix), clock, ROTATION);
        assertThat(atB.current()).isEqualTo(atA.current());
        assertThat(a.ttl(prefix + "signing-key:" + atA.current().period()))
            .as("every key ends")
            .isPositive();
      }
    }
  }

  @Test
  void aRotatedKeyIsStillAcceptedForOnePeriodThenRefused() {
    try (EmbeddedSigningKeyStore store = new EmbeddedSigningKeyStore(dataDir)) {
      SigningKeys keys = SigningKeys.rotatingWithoutThread(store, clock, ROTATION);
      SigningKey first = keys.current();

      clock.advance(ROTATION);
      assertThat(keys.current()).isNotEqualTo(first);
      assertThat(keys.accepted()).contains(first);

      clock.advance(ROTATION);
      assertThat(keys.accepted()).doesNotContain(first);
    }
  }

  @Test
  void aNeighbourWhoseClockIsAheadIsUnderstoodAcrossTheBoundary() {
    String prefix = "test-" + UUID.randomUUID() + ":";
    MutableClock ahead = new MutableClock(clock.instant());
    try (UnifiedJedis jedis =
        RedisConnector.connect(RedisTopologies.settings(RedisTopology.STANDALONE))) {
      SigningKeys behindKeys =
          SigningKeys.rotatingWithoutThread(
              new RedisSigningKeyStore(jedis, prefix), clock, ROTATION);
      SigningKeys aheadKeys =
          SigningKeys.rotatingWithoutThread(
              new RedisSigningKeyStore(jedis, prefix), ahead, ROTATION);
      ahead.advance(ROTATION);

      assertThat(behindKeys.accepted()).contains(aheadKeys.current());
    }
  }
}
