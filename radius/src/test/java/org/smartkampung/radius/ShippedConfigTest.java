package org.smartkampung.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.smartkampung.radius.testing.ExternalTool.RADCLIENT;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.radius.testing.ExternalTool;
import org.smartkampung.radius.testing.ExternalTool.Run;
import org.smartkampung.radius.testing.TestNas;

/**
 * What {@code kampung run} does on the embedded default: the shipped {@code config/kampung.yaml},
 * the stores {@link StoreFactory} opens (in a temporary data directory), driven by radtest and
 * radclient.
 */
class ShippedConfigTest {

  private static final Path RADTEST = Path.of("/usr/bin/radtest");

  private static KampungConfig shippedConfig(Path dataDir) throws Exception {
    KampungConfig loaded = ConfigLoader.load(Path.of("../config/kampung.yaml"));
    StoreSettings store = loaded.store();
    return new KampungConfig(
        loaded.regency(),
        new StoreSettings(
            store.type(),
            dataDir,
            store.snapshotIntervalSeconds(),
            store.nearCacheStaleMillis(),
            store.redis()),
        new RadiusSettings(true, "127.0.0.1", 0, 0, 30, null),
        loaded.portal(),
        loaded.loginMethods(),
        loaded.policies(),
        loaded.villages(),
        loaded.hotspots(),
        loaded.subscribers());
  }

  /** What {@code kampung run} opens on the embedded default. */
  private static KampungStores open(KampungConfig config) {
    return StoreFactory.open(
        config, new ConfigLimitsSource(config), Clock.systemUTC(), new SimpleMeterRegistry());
  }

  private static Run radtest(RadiusServer server, String user, String password) throws Exception {
    return ExternalTool.run(
        List.of(
            RADTEST.toString(),
            user,
            password,
            "127.0.0.1:" + server.authPort(),
            "0",
            "testing123"),
        null);
  }

  @Test
  void demoSubscriberFromTheReadmeIsAcceptedAndAWrongPasswordRejected(@TempDir Path dir)
      throws Exception {
    ExternalTool.require("radtest", RADTEST, RADCLIENT);
    KampungConfig config = shippedConfig(dir);
    try (KampungStores stores = open(config);
        RadiusServer server =
            RadiusServer.start(config, stores, Clock.systemUTC(), new SimpleMeterRegistry())) {
      assertThat(radtest(server, "warga", "kampung123").output())
          .contains("Received Access-Accept");
      assertThat(radtest(server, "warga", "salah").output())
          .contains("Received Access-Reject")
          .contains("Reply-Message = \"Nama pengguna atau kata sandi salah.\"");
    }
  }

  @Test
  void voucherTypedIntoTheNasLoginWorksOnOneDeviceOnly(@TempDir Path dir) throws Exception {
    ExternalTool.require("radclient", RADCLIENT);
    KampungConfig config = shippedConfig(dir);
    KampungStores stores = open(config);
    Instant now = Instant.now();
    stores
        .vouchers()
        .createAll(
            List.of(
                new Voucher(
                    "KMR7Q2X9",
                    "kemiren",
                    "b1",
                    now,
                    now.plusSeconds(86400),
                    Long.MAX_VALUE,
                    0,
                    1,
                    VoucherStatus.UNUSED,
                    null,
                    "")));
    try (stores;
        RadiusServer server =
            RadiusServer.start(config, stores, Clock.systemUTC(), new SimpleMeterRegistry())) {
      String request =
          "User-Name = kmr7-q2x9\nUser-Password = kmr7-q2x9\nMessage-Authenticator = 0x00\n";
      Run first = radclient(server, request + "Calling-Station-Id = \"AA-BB-CC-00-00-01\"\n");
      assertThat(first.output())
          .contains("Received Access-Accept")
          .contains("0x6b616d70756e673a6b656d6972656e3a4b4d52375132583");
      Run other = radclient(server, request + "Calling-Station-Id = \"AA-BB-CC-00-00-02\"\n");
      assertThat(other.output())
          .contains("Received Access-Reject")
          .contains("Voucher sudah terpakai.");
    }
  }

  @Test
  void autoClientStaysHeldToMessageAuthenticatorAfterARestart(@TempDir Path dir) throws Exception {
    ExternalTool.require("radclient", RADCLIENT);
    KampungConfig config = shippedConfig(dir);
    String withMa = "User-Name = warga\nUser-Password = kampung123\nMessage-Authenticator = 0x00\n";
    String without = "User-Name = warga\nUser-Password = kampung123\n";
    try (KampungStores stores = open(config);
        RadiusServer server =
            RadiusServer.start(config, stores, Clock.systemUTC(), new SimpleMeterRegistry())) {
      assertThat(radclient(server, withMa).output()).contains("Received Access-Accept");
    }
    try (KampungStores stores = open(config);
        RadiusServer server =
            RadiusServer.start(config, stores, Clock.systemUTC(), new SimpleMeterRegistry())) {
      assertThat(stores.nasState().messageAuthenticatorSeen("demo-loopback")).isTrue();
      assertThat(radclient(server, without).output()).doesNotContain("Received Access-Accept");
    }
  }

  @Test
  void interimTakingTheVillageOverQuotaSendsDisconnectWithTheEmbeddedLedger(@TempDir Path dir)
      throws Exception {
    ExternalTool.require("radclient", RADCLIENT);
    KampungConfig shipped = shippedConfig(dir);
    try (TestNas nas = new TestNas("nas-secret")) {
      QuotaPolicy tight =
          new QuotaPolicy("ketat", 1L, null, null, null, null, null, null, null, null, null, null);
      KampungConfig config =
          new KampungConfig(
              shipped.regency(),
              shipped.store(),
              shipped.radius(),
              shipped.portal(),
              shipped.loginMethods(),
              List.of(tight),
              shipped.villages().stream()
                  .map(
                      v ->
                          new Village(
                              v.id(),
                              v.name(),
                              v.kecamatan(),
                              v.timeZone(),
                              v.bandwidthPackage(),
                              "ketat",
                              v.macAuth(),
                              v.services()))
                  .toList(),
              List.of(
                  new NasClientSettings(
                      "mikrotik-desa",
                      "127.0.0.1",
                      "nas-secret",
                      NasType.MIKROTIK,
                      "kemiren",
                      MessageAuthenticatorPolicy.YES,
                      nas.port())),
              shipped.subscribers());
      try (KampungStores stores = open(config);
          RadiusServer server =
              RadiusServer.start(config, stores, Clock.systemUTC(), new SimpleMeterRegistry())) {
        String common =
            "User-Name = warga\nAcct-Session-Id = q-1\nClass = \"kampung:kemiren:warga\"\n"
                + "Calling-Station-Id = \"AA-BB-CC-00-00-09\"\nFramed-IP-Address = 10.5.50.9\n";
        assertThat(acct(server, common + "Acct-Status-Type = Start\n").output())
            .contains("Received Accounting-Response");
        assertThat(nas.received()).isEmpty();
        String interim =
            common
                + "Acct-Status-Type = Interim-Update\nAcct-Output-Octets = 900000000\n"
                + "Acct-Input-Octets = 200000000\nAcct-Session-Time = 300\n";
        assertThat(acct(server, interim).output()).contains("Received Accounting-Response");
        await().atMost(Duration.ofSeconds(5)).until(() -> !nas.received().isEmpty());
        TestNas.Received disconnect = nas.received().get(0);
        assertThat(disconnect.code()).isEqualTo(40);
        assertThat(disconnect.authenticatorValid()).isTrue();
        assertThat(disconnect.messageAuthenticatorValid()).isTrue();
        assertThat(disconnect.attribute(44)).isEqualTo("q-1");
      }
    }
  }

  private static Run acct(RadiusServer server, String input) throws Exception {
    return ExternalTool.radclient(server.acctPort(), "acct", "nas-secret", 1, input);
  }

  private static Run radclient(RadiusServer server, String input) throws Exception {
    return ExternalTool.radclient(server.authPort(), "auth", "testing123", 1, input);
  }
}
