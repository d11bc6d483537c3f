package org.smartkampung.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.smartkampung.radius.testing.ExternalTool.RADCLIENT;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.config.RedisSettings;
import org.smartkampung.core.config.StoreOutagePolicy;
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.config.StoreType;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.radius.testing.ExternalTool;
import org.smartkampung.radius.testing.ExternalTool.Run;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Access-Request against the real stores {@link StoreFactory} opens, driven by radclient:
 * remembered devices across a restart (embedded), a voucher's allowance in the Accept, and a Redis
 * that stops mid-test. The shipped config with its village "kemiren" on the all-day policy
 * "longgar", MAC login on, and a MikroTik hotspot at 127.0.0.1 (secret testing123).
 */
class AccessRequestStoresTest {

  private static final String WARGA =
      "User-Name = warga\nUser-Password = kampung123\nMessage-Authenticator = 0x00\n";
  private static final String MAC = "00-1A-2B-3C-4D-5E";

  private static KampungConfig config(StoreSettings store, StoreOutagePolicy onStoreOutage)
      throws Exception {
    KampungConfig shipped = ConfigLoader.load(Path.of("../config/kampung.yaml"));
    return new KampungConfig(
        shipped.regency(),
        store,
        new RadiusSettings(true, "127.0.0.1", 0, 0, 30, null, onStoreOutage, 30),
        shipped.portal(),
        shipped.loginMethods(),
        shipped.policies(),
        shipped.villages().stream()
            .map(
                v ->
                    new Village(
                        v.id(),
                        v.name(),
                        v.kecamatan(),
                        v.timeZone(),
                        v.bandwidthPackage(),
                        "longgar",
                        true,
                        v.services()))
            .toList(),
        List.of(
            new NasClientSettings(
                "mikrotik-kemiren",
                "127.0.0.1",
                "testing123",
                NasType.MIKROTIK,
                "kemiren",
                MessageAuthenticatorPolicy.YES,
                null)),
        shipped.subscribers());
  }

  private static StoreSettings embedded(Path dataDir) {
    return new StoreSettings(StoreType.EMBEDDED, dataDir, null, null, null);
  }

  private static KampungStores open(KampungConfig config) {
    return StoreFactory.open(
        config, new ConfigLimitsSource(config), Clock.systemUTC(), new SimpleMeterRegistry());
  }

  private static RadiusServer start(KampungConfig config, KampungStores stores) {
    return RadiusServer.start(config, stores, Clock.systemUTC(), new SimpleMeterRegistry());
  }

  private static Run radclient(RadiusServer server, String input) throws Exception {
    return ExternalTool.radclient(server.authPort(), "auth", "testing123", 2, input);
  }

  private static String macLogin(String mac) {
    return "User-Name = \""
        + mac
        + "\"\nUser-Password = \""
        + mac
        + "\"\nCalling-Station-Id = \""
        + mac
        + "\"\nMessage-Authenticator = 0x00\n";
  }

  @Test
  void rememberedDeviceLogsInByMacAfterARadiusRestart(@TempDir Path dir) throws Exception {
    ExternalTool.require("radclient", RADCLIENT);
    KampungConfig config = config(embedded(dir), StoreOutagePolicy.REJECT);
    try (KampungStores stores = open(config);
        RadiusServer server = start(config, stores)) {
      assertThat(radclient(server, macLogin(MAC)).output())
          .as("an unknown device cannot log in by MAC")
          .contains("Received Access-Reject");
      assertThat(radclient(server, WARGA + "Calling-Station-Id = \"" + MAC + "\"\n").output())
          .contains("Received Access-Accept");
    }
    try (KampungStores stores = open(config);
        RadiusServer server = start(config, stores)) {
      Run run = radclient(server, macLogin(MAC));
      assertThat(run.output())
          .contains("Received Access-Accept")
          // Class "kampung:kemiren:warga": the session charges the remembered user
          .contains("0x6b616d70756e673a6b656d6972656e3a7761726761");
      assertThat(radclient(server, macLogin("00-1A-2B-3C-4D-5F")).output())
          .as("another device is not remembered")
          .contains("Received Access-Reject");
    }
  }

  @Test
  void voucherAllowanceIsTheAcceptsSessionTimeoutAndTotalLimit(@TempDir Path dir) throws Exception {
    ExternalTool.require("radclient", RADCLIENT);
    KampungConfig config = config(embedded(dir), StoreOutagePolicy.REJECT);
    Instant now = Instant.now();
    try (KampungStores stores = open(config);
        RadiusServer server = start(config, stores)) {
      // 300 MB and 30 minutes, below the policy's 3000 MB and 480 minutes a day
      stores
          .vouchers()
          .createAll(
              List.of(
                  new Voucher(
                      "KMR7Q2X9",
                      "kemiren",
                      "b1",
                      now,
                      now.plus(Duration.ofDays(1)),
                      300_000_000L,
                      30,
                      1,
                      VoucherStatus.UNUSED,
                      null,
                      "")));
      Run run =
          radclient(
              server,
              "User-Name = KMR7Q2X9\nUser-Password = KMR7Q2X9\nMessage-Authenticator = 0x00\n"
                  + "Calling-Station-Id = \""
                  + MAC
                  + "\"\n");
      assertThat(run.output())
          .contains("Received Access-Accept")
          .containsPattern("Session-Timeout = 1800\\s")
          .containsPattern("Mikrotik-Total-Limit = 300000000\\s");
    }
  }

  @Test
  void redisStoppingMidTestGetsRejectOrNoAnswerAsConfigured(@TempDir Path dir) throws Exception {
    ExternalTool.require("radclient", RADCLIENT);
    Process redis = startRedis(dir);
    try {
      StoreSettings store =
          new StoreSettings(
              StoreType.REDIS,
              dir,
              null,
              null,
              new RedisSettings("redis://127.0.0.1:" + redisPort, 300, 8));
      KampungConfig rejecting = config(store, StoreOutagePolicy.REJECT);
      KampungConfig silent = config(store, StoreOutagePolicy.NO_ANSWER);
      try (KampungStores stores = open(rejecting);
          RadiusServer rejectServer = start(rejecting, stores);
          RadiusServer silentServer = start(silent, stores)) {
        assertThat(radclient(rejectServer, WARGA).output()).contains("Received Access-Accept");
        assertThat(radclient(silentServer, WARGA).output()).contains("Received Access-Accept");

        redis.destroy();
        assertThat(redis.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(radclient(rejectServer, WARGA).output())
            .contains("Received Access-Reject")
            .contains("Reply-Message = \"Layanan sedang gangguan, coba lagi sebentar lagi.\"");
        Run silentRun = radclient(silentServer, WARGA);
        assertThat(silentRun.output())
            .doesNotContain("Received Access-")
            .contains("No reply from server");
      }
    } finally {
      redis.destroyForcibly();
    }
  }

  private int redisPort;

  /** A redis-server of this test's own on a free loopback port, since the test stops it. */
  private Process startRedis(Path dir) throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      redisPort = socket.getLocalPort();
    }
    Path work = Files.createDirectories(dir.resolve("redis"));
    Process process;
    try {
      process =
          new ProcessBuilder(
                  "redis-server",
                  "--port",
                  String.valueOf(redisPort),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--dir",
                  work.toString())
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("redis.log").toFile())
              .start();
    } catch (IOException e) {
      ExternalTool.require("redis-server", Path.of("/usr/bin/redis-server"));
      throw e;
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(
            () -> {
              try (UnifiedJedis jedis =
                  RedisClient.create(java.net.URI.create("redis://127.0.0.1:" + redisPort))) {
                return "PONG".equals(jedis.ping());
              }
            });
    return process;
  }
}
