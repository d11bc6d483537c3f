package org.smartkampung.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.smartkampung.radius.testing.ExternalTool.RADCLIENT;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.config.LoginThrottleSettings;
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
import org.smartkampung.radius.testing.ExternalTool;
import org.smartkampung.radius.testing.ExternalTool.Run;
import org.smartkampung.radius.testing.RadiusHarness;

/**
 * Password guesses through a hotspot's own login page are throttled per username and per device at
 * a hotspot; a throttled try costs no hash, and the counts live in the store.
 */
class LoginThrottleTest {

  private static final String WRONG = "Reply-Message = \"Nama pengguna atau kata sandi salah.\"";
  private static final String THROTTLED =
      "Reply-Message = \"Terlalu banyak percobaan masuk dengan kata sandi salah."
          + " Silakan coba lagi dalam 1 menit.\"";

  private static RadiusSettings throttle(int perUser, int perDevice, int windowSeconds) {
    return new RadiusSettings(
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        new LoginThrottleSettings(perUser, perDevice, windowSeconds));
  }

  private static Run radclient(RadiusHarness h, String user, String password, String mac)
      throws Exception {
    return ExternalTool.radclient(
        h.server.authPort(),
        "auth",
        RadiusHarness.SECRET,
        2,
        "User-Name = \""
            + user
            + "\"\nUser-Password = \""
            + password
            + "\"\nCalling-Station-Id = \""
            + mac
            + "\"\nMessage-Authenticator = 0x00\n");
  }

  @Test
  void theFourthWrongPasswordGetsTheThrottleMessageAndARightOneAfterTheWindowIsAccepted()
      throws Exception {
    ExternalTool.require("radclient", RADCLIENT);
    try (RadiusHarness h = new RadiusHarness(null, throttle(3, 100, 2), PasswordVerifier.PBKDF2)) {
      for (int i = 1; i <= 3; i++) {
        assertThat(radclient(h, "siti", "tebakan" + i, "AA-BB-CC-DD-EE-01").output())
            .contains("Received Access-Reject")
            .contains(WRONG);
      }

      assertThat(radclient(h, "siti", "tebakan4", "AA-BB-CC-DD-EE-02").output())
          .contains("Received Access-Reject")
          .contains(THROTTLED);
      // Within the window even the right password is not checked.
      assertThat(radclient(h, "siti", "sandi123", "AA-BB-CC-DD-EE-01").output())
          .contains(THROTTLED);

      await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  radclient(h, "siti", "sandi123", "AA-BB-CC-DD-EE-01")
                      .output()
                      .contains("Received Access-Accept"));
    }
  }

  @Test
  void wrongPasswordsFromOneDeviceAtOneHotspotAreThrottledAcrossUsernames() throws Exception {
    ExternalTool.require("radclient", RADCLIENT);
    try (RadiusHarness h = new RadiusHarness(null, throttle(100, 3, 60), PasswordVerifier.PBKDF2)) {
      for (String name : List.of("ani", "budi", "citra", "dewi")) {
        h.stores
            .subscribers()
            .create(
                new Subscriber(
                    name,
                    RadiusHarness.VILLAGE,
                    new PasswordHasher(1000).hash("benar-" + name),
                    name,
                    true,
                    null));
      }
      for (String name : List.of("ani", "budi", "citra")) {
        assertThat(radclient(h, name, "tebakan", "AA-BB-CC-DD-EE-07").output()).contains(WRONG);
      }

      assertThat(radclient(h, "dewi", "tebakan", "AA-BB-CC-DD-EE-07").output()).contains(THROTTLED);
      assertThat(radclient(h, "dewi", "benar-dewi", "AA-BB-CC-DD-EE-08").output())
          .as("another device is not held up")
          .contains("Received Access-Accept");
    }
  }

  @Test
  void parallelGuessesGetNoMoreChecksThanTheLimit() throws Exception {
    AtomicInteger hashes = new AtomicInteger();
    PasswordVerifier counting =
        (password, hash) -> {
          hashes.incrementAndGet();
          return PasswordHasher.verify(password, hash);
        };
    int guesses = 40;
    List<DatagramSocket> sockets = new ArrayList<>();
    try (RadiusHarness h = new RadiusHarness(null, throttle(5, 1000, 60), counting)) {
      for (int i = 0; i < guesses; i++) {
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        byte[] guess =
            h.papRequest(
                "siti",
                "tebakan" + i,
                String.format(Locale.ROOT, "AA-BB-CC-DD-%02X-%02X", i / 256, i % 256),
                true);
        socket.send(
            new DatagramPacket(
                guess, guess.length, InetAddress.getLoopbackAddress(), h.server.authPort()));
      }
      int answered = 0;
      for (DatagramSocket socket : sockets) {
        if (RadiusHarness.exchangeReply(socket, Duration.ofSeconds(3)).isPresent()) {
          answered++;
        }
      }

      assertThat(answered).isEqualTo(guesses);
      assertThat(hashes.get()).isLessThanOrEqualTo(5);
      // The server counts a request just after writing its reply: the last count may trail it.
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(h.server.metrics().requests("access_request", "throttled"))
                      .isGreaterThanOrEqualTo(guesses - 5));
    } finally {
      sockets.forEach(DatagramSocket::close);
    }
  }

  @Test
  void twoServersOnOneRedisShareTheCount() throws Exception {
    ExternalTool.require("radclient", RADCLIENT);
    String user = "uji-" + UUID.randomUUID().toString().substring(0, 8);
    try (KampungStores a = redisStores();
        KampungStores b = redisStores();
        RadiusHarness first = new RadiusHarness(a, throttle(3, 100, 60), PasswordVerifier.PBKDF2);
        RadiusHarness second =
            new RadiusHarness(b, throttle(3, 100, 60), PasswordVerifier.PBKDF2)) {
      a.subscribers()
          .create(
              new Subscriber(
                  user,
                  RadiusHarness.VILLAGE,
                  new PasswordHasher(1000).hash("benar"),
                  user,
                  true,
                  null));
      assertThat(radclient(first, user, "tebakan1", "AA-BB-CC-DD-EE-11").output()).contains(WRONG);
      assertThat(radclient(first, user, "tebakan2", "AA-BB-CC-DD-EE-12").output()).contains(WRONG);
      assertThat(radclient(second, user, "tebakan3", "AA-BB-CC-DD-EE-13").output()).contains(WRONG);

      assertThat(radclient(second, user, "tebakan4", "AA-BB-CC-DD-EE-14").output())
          .contains(THROTTLED);
    }
  }

  private static KampungStores redisStores() {
    return StoreFactory.openRedis(
        new StoreSettings(StoreType.REDIS, null, null, null, RedisTestServer.settings()),
        village -> java.time.ZoneId.of("Asia/Jakarta"),
        (village, userId) -> Limits.NONE,
        Clock.systemUTC(),
        new SimpleMeterRegistry());
  }
}
