package org.smartkampung.radius;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.config.StoreType;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.PasswordVerifier;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.testing.RedisTestServer;
import org.smartkampung.radius.testing.RadiusHarness;

/**
 * A subscriber's repeated login is answered from remembered checks, not a fresh hash, yet a changed
 * password or a disabled account takes effect at once, also right after a remembered success.
 */
class SubscriberPasswordCacheTest {

  private static final Duration WAIT = Duration.ofSeconds(3);
  private static final String MAC = "AA-BB-CC-DD-EE-01";

  private final AtomicInteger hashes = new AtomicInteger();
  private final PasswordVerifier counting =
      (password, hash) -> {
        hashes.incrementAndGet();
        return PasswordHasher.verify(password, hash);
      };

  @Test
  void aRepeatedRightLoginCostsOneHash() throws Exception {
    try (RadiusHarness h = harness()) {
      assertThat(login(h, "siti", "sandi123")).isEqualTo(ACCEPT);
      assertThat(login(h, "siti", "sandi123")).isEqualTo(ACCEPT);
      assertThat(login(h, "siti", "sandi123")).isEqualTo(ACCEPT);

      assertThat(hashes.get()).isEqualTo(1);
    }
  }

  @Test
  void aChangedPasswordIsRefusedAtOnceAlsoAfterARememberedSuccess() throws Exception {
    try (RadiusHarness h = harness()) {
      assertThat(login(h, "siti", "sandi123")).isEqualTo(ACCEPT);
      assertThat(login(h, "siti", "sandi123")).isEqualTo(ACCEPT);
      Subscriber siti = h.stores.subscribers().find("siti").orElseThrow();

      h.stores.subscribers().update(withHash(siti, new PasswordHasher(1000).hash("baru456")));

      assertThat(login(h, "siti", "sandi123")).isEqualTo(REJECT);
      assertThat(login(h, "siti", "baru456")).isEqualTo(ACCEPT);
    }
  }

  @Test
  void aDisabledAccountIsRefusedAtOnceAlsoAfterARememberedSuccess() throws Exception {
    try (RadiusHarness h = harness()) {
      assertThat(login(h, "siti", "sandi123")).isEqualTo(ACCEPT);
      Subscriber siti = h.stores.subscribers().find("siti").orElseThrow();

      h.stores
          .subscribers()
          .update(
              new Subscriber(
                  siti.username(),
                  siti.villageId(),
                  siti.passwordHash(),
                  siti.displayName(),
                  false,
                  siti.quotaOverride()));

      assertThat(login(h, "siti", "sandi123")).isEqualTo(REJECT);
    }
  }

  @Test
  void aRepeatedWrongPasswordIsRefusedFromTheShortNegativeMemory() throws Exception {
    try (RadiusHarness h = harness()) {
      assertThat(login(h, "siti", "lupa")).isEqualTo(REJECT);
      assertThat(login(h, "siti", "lupa")).isEqualTo(REJECT);

      assertThat(hashes.get()).isEqualTo(1);
      assertThat(login(h, "siti", "sandi123")).isEqualTo(ACCEPT);
    }
  }

  @Test
  void aPasswordChangedByAnotherServerOnRedisIsRefusedAtOnce() throws Exception {
    String user = "uji-" + UUID.randomUUID().toString().substring(0, 8);
    try (KampungStores radiusSide = redisStores();
        KampungStores consoleSide = redisStores();
        RadiusHarness h = new RadiusHarness(radiusSide, RadiusSettings.DEFAULTS, counting)) {
      Subscriber created =
          new Subscriber(
              user,
              RadiusHarness.VILLAGE,
              new PasswordHasher(1000).hash("lama123"),
              user,
              true,
              null);
      consoleSide.subscribers().create(created);
      assertThat(login(h, user, "lama123")).isEqualTo(ACCEPT);
      assertThat(login(h, user, "lama123")).isEqualTo(ACCEPT);

      consoleSide.subscribers().update(withHash(created, new PasswordHasher(1000).hash("baru456")));

      assertThat(login(h, user, "lama123")).isEqualTo(REJECT);
      assertThat(login(h, user, "baru456")).isEqualTo(ACCEPT);
    }
  }

  private static KampungStores redisStores() {
    return StoreFactory.openRedis(
        new StoreSettings(StoreType.REDIS, null, null, null, RedisTestServer.settings()),
        village -> ZoneId.of("Asia/Jakarta"),
        (village, userId) -> Limits.NONE,
        Clock.systemUTC(),
        new SimpleMeterRegistry());
  }

  private static final byte ACCEPT = 2;
  private static final byte REJECT = 3;

  private RadiusHarness harness() {
    return new RadiusHarness(null, RadiusSettings.DEFAULTS, counting);
  }

  private static byte login(RadiusHarness h, String user, String password) throws Exception {
    byte[] request = h.papRequest(user, password, MAC, true);
    byte[] reply = h.exchange(request, h.server.authPort(), WAIT).orElseThrow();
    assertThat(RadiusHarness.replyValid(reply, request)).isTrue();
    return reply[0];
  }

  private static Subscriber withHash(Subscriber s, String hash) {
    return new Subscriber(
        s.username(), s.villageId(), hash, s.displayName(), s.enabled(), s.quotaOverride());
  }
}
