package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smartkampung.core.login.FailedLogin;
import org.smartkampung.core.login.FailedLogins;
import org.smartkampung.core.testing.RedisTestServer;
import redis.clients.jedis.UnifiedJedis;

/** The recent failed logins: newest first, per village, a bounded ring in memory and in Redis. */
class FailedLoginsTest {

  static Stream<String> stores() {
    return Stream.of("embedded", "redis");
  }

  private static FailedLogins open(String kind) {
    return kind.equals("embedded")
        ? new EmbeddedFailedLogins()
        : new RedisFailedLogins(RedisTestServer.client());
  }

  @ParameterizedTest
  @MethodSource("stores")
  void newestFirstPerVillageAndNeverMoreThanTheRing(String kind) {
    FailedLogins logins = open(kind);
    String village = "desa-" + UUID.randomUUID().toString().substring(0, 8);
    Instant t0 = Instant.parse("2026-11-28T12:00:00Z");
    for (int i = 0; i < FailedLogins.KEPT_PER_VILLAGE + 30; i++) {
      logins.record(
          new FailedLogin(t0.plusSeconds(i), village, "user" + i, "balai", "bad_credentials"));
    }
    logins.record(new FailedLogin(t0, "other-" + village, "sri", "pos", "voucher_used"));

    List<FailedLogin> recent = logins.recent(village, 1000);
    assertThat(recent).hasSize(FailedLogins.KEPT_PER_VILLAGE);
    assertThat(recent.get(0).who()).isEqualTo("user" + (FailedLogins.KEPT_PER_VILLAGE + 29));
    assertThat(recent.get(0).at()).isEqualTo(t0.plusSeconds(FailedLogins.KEPT_PER_VILLAGE + 29));
    assertThat(logins.recent(village, 3)).hasSize(3);
    assertThat(logins.recent("other-" + village, 10))
        .extracting(FailedLogin::who)
        .containsExactly("sri");
    assertThat(logins.recent("nobody-" + village, 10)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aLongUsernameIsCutAndRedisKeysHaveATtl(String kind) {
    FailedLogins logins = open(kind);
    String village = "desa-" + UUID.randomUUID().toString().substring(0, 8);
    logins.record(new FailedLogin(Instant.now(), village, "x".repeat(5000), "balai", "r"));

    assertThat(logins.recent(village, 1).get(0).who()).hasSize(FailedLogin.MAX_WHO_CHARS);
    if (kind.equals("redis")) {
      try (UnifiedJedis jedis = RedisTestServer.client()) {
        assertThat(jedis.ttl(RedisFailedLogins.key(village))).isPositive();
      }
    }
  }
}
