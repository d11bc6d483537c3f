package org.smartkampung.radius;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.config.SubscriberSeed;
import org.smartkampung.core.login.LoginTokenStore;
import org.smartkampung.core.nas.NasStateStore;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.core.store.EmbeddedLoginTokenStore;
import org.smartkampung.core.store.EmbeddedNasStateStore;
import org.smartkampung.core.store.EmbeddedSessionStore;
import org.smartkampung.core.store.EmbeddedSubscriberStore;
import org.smartkampung.core.store.EmbeddedVoucherStore;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.core.voucher.VoucherStore;
import org.smartkampung.radius.testing.ExternalTool;
import org.smartkampung.radius.testing.ExternalTool.Run;
import org.smartkampung.radius.testing.InMemoryStores;

/**
 * The shipped {@code config/kampung.yaml} with the real embedded stores (the quota ledger is still
 * the test fixture until the embedded ledger lands), driven by radtest and radclient.
 */
class ShippedConfigTest {

  private static final Path RADTEST = Path.of("/usr/bin/radtest");
  private static final Path RADCLIENT = Path.of("/usr/bin/radclient");

  private record Stores(
      QuotaLedger ledger,
      SubscriberStore subscribers,
      VoucherStore vouchers,
      SessionStore sessions,
      LoginTokenStore loginTokens,
      NasStateStore nasState)
      implements KampungStores {
    @Override
    public void close() {}
  }

  private static KampungConfig shippedConfig() throws Exception {
    KampungConfig loaded = ConfigLoader.load(Path.of("../config/kampung.yaml"));
    return new KampungConfig(
        loaded.regency(),
        loaded.store(),
        new RadiusSettings(true, "127.0.0.1", 0, 0, 30, null),
        loaded.portal(),
        loaded.loginMethods(),
        loaded.policies(),
        loaded.villages(),
        loaded.hotspots(),
        loaded.subscribers());
  }

  private static Stores open(Path dir, KampungConfig config) {
    EmbeddedSubscriberStore subscribers = new EmbeddedSubscriberStore(dir);
    for (SubscriberSeed seed : config.subscribers()) {
      subscribers.create(
          new Subscriber(
              seed.username(),
              seed.village(),
              seed.passwordHash(),
              seed.displayName(),
              true,
              null));
    }
    return new Stores(
        new InMemoryStores().ledger(),
        subscribers,
        new EmbeddedVoucherStore(dir),
        new EmbeddedSessionStore(dir),
        new EmbeddedLoginTokenStore(Clock.systemUTC()),
        new EmbeddedNasStateStore(dir));
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
    KampungConfig config = shippedConfig();
    try (RadiusServer server =
        RadiusServer.start(
            config, open(dir, config), Clock.systemUTC(), new SimpleMeterRegistry())) {
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
    KampungConfig config = shippedConfig();
    Stores stores = open(dir, config);
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
    try (RadiusServer server =
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
    KampungConfig config = shippedConfig();
    String withMa = "User-Name = warga\nUser-Password = kampung123\nMessage-Authenticator = 0x00\n";
    String without = "User-Name = warga\nUser-Password = kampung123\n";
    try (RadiusServer server =
        RadiusServer.start(
            config, open(dir, config), Clock.systemUTC(), new SimpleMeterRegistry())) {
      assertThat(radclient(server, withMa).output()).contains("Received Access-Accept");
    }
    Stores reopened = new Stores(null, null, null, null, null, new EmbeddedNasStateStore(dir));
    assertThat(reopened.nasState().messageAuthenticatorSeen("demo-loopback")).isTrue();
    try (RadiusServer server =
        RadiusServer.start(
            config, open(dir, config), Clock.systemUTC(), new SimpleMeterRegistry())) {
      assertThat(radclient(server, without).output()).doesNotContain("Received Access-Accept");
    }
  }

  private static Run radclient(RadiusServer server, String input) throws Exception {
    return ExternalTool.run(
        List.of(
            RADCLIENT.toString(),
            "-x",
            "-r",
            "1",
            "-t",
            "1",
            "127.0.0.1:" + server.authPort(),
            "auth",
            "testing123"),
        input);
  }
}
