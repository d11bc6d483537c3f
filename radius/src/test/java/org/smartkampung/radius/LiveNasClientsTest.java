package org.smartkampung.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.radius.testing.ExternalTool.RADCLIENT;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.LiveConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.store.AdminStoreFactory;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.village.Village;
import org.smartkampung.radius.testing.ExternalTool;
import org.smartkampung.radius.testing.ExternalTool.Run;
import org.smartkampung.radius.testing.InMemoryStores;

/**
 * NAS clients added, re-keyed or removed in the console (the registry store plus {@link
 * LiveConfig}) are answered by a running server without a restart; driven by FreeRADIUS's radclient
 * from 127.0.0.1.
 */
class LiveNasClientsTest {

  private static final String OLD_SECRET = "rahasia-lama-0123456789";
  private static final String NEW_SECRET = "rahasia-baru-9876543210";
  private static final String WITH_MA =
      "User-Name = siti\nUser-Password = sandi123\nMessage-Authenticator = 0x00\n";
  private static final String WITHOUT_MA = "User-Name = siti\nUser-Password = sandi123\n";

  @TempDir Path dataDir;

  private AdminStores admin;
  private LiveConfig live;
  private RadiusServer server;

  @BeforeEach
  void start() {
    ExternalTool.require("radclient", RADCLIENT);
    QuotaPolicy policy =
        new QuotaPolicy("standar", null, null, null, null, 4096L, 1024L, 2, null, 3600, 300, 60);
    Village kemiren =
        new Village(
            "kemiren",
            "Kemiren",
            "Glagah",
            ZoneId.of("Asia/Jakarta"),
            null,
            "standar",
            false,
            null);
    KampungConfig file =
        new KampungConfig(
            null,
            null,
            new RadiusSettings(true, "127.0.0.1", 0, 0, 30, null),
            null,
            null,
            List.of(policy),
            List.of(kemiren),
            List.of(),
            null);
    admin = AdminStoreFactory.embedded(dataDir);
    live =
        new LiveConfig(
            file, admin.villageSettings(), admin.registry(), Clock.systemUTC(), Duration.ZERO);
    InMemoryStores stores = new InMemoryStores();
    stores
        .subscribers()
        .create(
            new Subscriber(
                "siti", "kemiren", new PasswordHasher(1000).hash("sandi123"), "Siti", true, null));
    server = RadiusServer.start(live, stores, Clock.systemUTC(), new SimpleMeterRegistry());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (admin != null) {
      admin.close();
    }
  }

  private NasClientSettings loopback(String secret, MessageAuthenticatorPolicy policy) {
    return new NasClientSettings(
        "balai-desa", "127.0.0.1", secret, NasType.MIKROTIK, "kemiren", policy, 3799);
  }

  private Run radclient(String secret, String request) throws Exception {
    return ExternalTool.radclient(server.authPort(), "auth", secret, 1, request);
  }

  @Test
  void aNasClientAddedWhileRunningIsAnsweredAndARekeyRetiresTheOldSecret() throws Exception {
    assertThat(radclient(OLD_SECRET, WITH_MA).output()).contains("No reply from server");

    admin.registry().addNasClient(loopback(OLD_SECRET, MessageAuthenticatorPolicy.YES));
    live.refresh();
    assertThat(radclient(OLD_SECRET, WITH_MA).output()).contains("Received Access-Accept");

    admin.registry().updateNasClient(loopback(NEW_SECRET, MessageAuthenticatorPolicy.YES));
    live.refresh();
    assertThat(radclient(OLD_SECRET, WITH_MA).output())
        .doesNotContain("Received Access-Accept")
        .contains("No reply from server");
    assertThat(radclient(NEW_SECRET, WITH_MA).output()).contains("Received Access-Accept");

    admin.registry().removeNasClient("balai-desa");
    live.refresh();
    assertThat(radclient(NEW_SECRET, WITH_MA).output()).contains("No reply from server");
  }

  @Test
  void anAutoClientAddedWhileRunningIsHeldToMessageAuthenticatorOnceItSendsOne() throws Exception {
    admin.registry().addNasClient(loopback(NEW_SECRET, MessageAuthenticatorPolicy.AUTO));
    live.refresh();

    assertThat(radclient(NEW_SECRET, WITHOUT_MA).output()).contains("Received Access-Accept");
    assertThat(radclient(NEW_SECRET, WITH_MA).output()).contains("Received Access-Accept");
    assertThat(radclient(NEW_SECRET, WITHOUT_MA).output())
        .doesNotContain("Received Access-Accept")
        .contains("No reply from server");
  }
}
