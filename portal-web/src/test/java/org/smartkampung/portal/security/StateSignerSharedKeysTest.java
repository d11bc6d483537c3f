package org.smartkampung.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.signing.SigningKeys;
import org.smartkampung.core.store.RedisSigningKeyStore;
import org.smartkampung.core.testing.MutableClock;
import org.smartkampung.core.testing.RedisTestServer;
import redis.clients.jedis.UnifiedJedis;

/**
 * Two portal instances on one Redis: a form, cookie or sealed link made at A is accepted at B, also
 * after a key rotation, until the key it was signed with is two rotations old.
 */
class StateSignerSharedKeysTest {

  private static final Duration ROTATION = Duration.ofHours(24);
  private static final Duration LONG_AGE = Duration.ofDays(10);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
  private final String prefix = "test-" + UUID.randomUUID() + ":";

  @Test
  void whatInstanceASignedVerifiesAtInstanceB() {
    try (UnifiedJedis a = RedisTestServer.client();
        UnifiedJedis b = RedisTestServer.client()) {
      StateSigner atA = signer(a);
      StateSigner atB = signer(b);

      String form = atA.sign(Map.of("p", "login", "v", "kemiren"));
      String link = atA.seal(Map.of("code", "ABCD-1234"));

      assertThat(atB.verify(form, LONG_AGE))
          .hasValueSatisfying(m -> assertThat(m).containsEntry("v", "kemiren"));
      assertThat(atB.unseal(link, LONG_AGE))
          .hasValueSatisfying(m -> assertThat(m).containsEntry("code", "ABCD-1234"));
    }
  }

  @Test
  void aRotationEndsNothingEarlyButTwoEndTheOldKey() {
    try (UnifiedJedis a = RedisTestServer.client();
        UnifiedJedis b = RedisTestServer.client()) {
      StateSigner atA = signer(a);
      StateSigner atB = signer(b);
      String form = atA.sign(Map.of("p", "login"));
      String link = atA.seal(Map.of("code", "ABCD-1234"));

      clock.advance(ROTATION);
      assertThat(atB.verify(form, LONG_AGE)).isPresent();
      assertThat(atB.unseal(link, LONG_AGE)).isPresent();
      assertThat(atB.verify(atA.sign(Map.of("p", "login")), LONG_AGE)).isPresent();

      clock.advance(ROTATION);
      assertThat(atB.verify(form, LONG_AGE)).isEmpty();
      assertThat(atB.unseal(link, LONG_AGE)).isEmpty();
    }
  }

  private StateSigner signer(UnifiedJedis jedis) {
    return new StateSigner(
        SigningKeys.rotatingWithoutThread(new RedisSigningKeyStore(jedis, prefix), clock, ROTATION),
        clock);
  }
}
