package org.smartkampung.app.e2e;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.PortalSettings;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.config.Regency;
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.config.StoreType;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.ServiceLink;
import org.smartkampung.core.village.Village;
import org.smartkampung.portal.PortalServer;
import org.smartkampung.radius.RadiusServer;

/**
 * TEST FIXTURE: the real RADIUS server and the real portal on one embedded store in a temporary
 * directory, as {@code kampung run} wires them, with one village (Kemiren: 500 MB and 2 hours a
 * villager a day on one device at a time, 20 GB for the village) and two hotspots: a MikroTik that
 * talks RADIUS from 127.0.0.1 and a CoovaChilli from 127.0.0.2.
 */
final class KampungUnderTest implements AutoCloseable {

  /** 19:00 in Banyuwangi (WIB): the evening peak. */
  static final Instant EVENING = Instant.parse("2026-11-28T12:00:00Z");

  static final String MIKROTIK = "kemiren-mt";
  static final String MIKROTIK_ADDRESS = "127.0.0.1";
  static final String MIKROTIK_SECRET = "rahasia-mikrotik";
  static final String CHILLI = "kemiren-chilli";
  static final String CHILLI_ADDRESS = "127.0.0.2";
  static final String CHILLI_SECRET = "rahasia-chilli";
  static final String UAM_SECRET = "uamrahasia";
  static final String CHILLI_UAM_IP = "127.0.0.1";

  final Path dataDir;
  final KampungConfig config;
  final KampungStores stores;
  final RadiusServer radius;
  final PortalServer portal;
  private final Clock clock = Clock.fixed(EVENING, ZoneOffset.UTC);

  KampungUnderTest() throws Exception {
    dataDir = Files.createTempDirectory("kampung-e2e");
    int portalPort = freePort();
    config = config(dataDir, portalPort);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    stores = StoreFactory.open(config, new ConfigLimitsSource(config), clock, registry);
    radius = RadiusServer.start(config, stores, clock, registry);
    portal =
        PortalServer.start(null, config, stores, clock, registry)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
  }

  String portalUrl() {
    return config.portal().publicUrl();
  }

  static KampungConfig config(Path dataDir, int portalPort) {
    QuotaPolicy policy =
        new QuotaPolicy(
            "standar",
            20L,
            null,
            500L,
            120L,
            2048L,
            512L,
            1,
            OpeningHours.ALWAYS,
            null,
            null,
            null);
    Village kemiren =
        new Village(
            "kemiren",
            "Kemiren",
            "Glagah",
            null,
            new BandwidthPackage(50, 10, 1000, 2026, 12_000_000),
            "standar",
            false,
            List.of(
                new ServiceLink(
                    "Kartu Keluarga", "https://dukcapil.example.go.id/kk", "Urus KK baru"),
                new ServiceLink("SKCK", "https://skck.example.go.id/", "Polres Banyuwangi")));
    return new KampungConfig(
        new Regency("banyuwangi", "Kabupaten Banyuwangi", null),
        new StoreSettings(StoreType.EMBEDDED, dataDir, null, null, null),
        new RadiusSettings(true, "127.0.0.1", 0, 0, 30, null),
        new PortalSettings(true, "127.0.0.1", portalPort, "http://127.0.0.1:" + portalPort),
        null,
        List.of(policy),
        List.of(
            kemiren,
            // A neighbouring village with no hotspot here: its page must not decide a login.
            new Village("olehsari", "Olehsari", "Glagah", null, null, "standar", false, List.of())),
        List.of(
            new NasClientSettings(
                MIKROTIK,
                MIKROTIK_ADDRESS,
                MIKROTIK_SECRET,
                NasType.MIKROTIK,
                "kemiren",
                MessageAuthenticatorPolicy.YES,
                null),
            new NasClientSettings(
                CHILLI,
                CHILLI_ADDRESS,
                CHILLI_SECRET,
                NasType.COOVACHILLI,
                "kemiren",
                MessageAuthenticatorPolicy.YES,
                null,
                UAM_SECRET,
                // Its login page (uamip) is where phones reach it, not where it talks RADIUS from.
                CHILLI_UAM_IP)),
        List.of());
  }

  static int freePort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    portal.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    radius.close();
    stores.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
