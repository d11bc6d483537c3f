package org.smartkampung.app.e2e;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.smartkampung.app.InProcessKampung;
import org.smartkampung.app.ShippedConfigOnLoopback;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AdminRole;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.config.StoreType;
import org.smartkampung.core.config.SubscriberSeed;
import org.smartkampung.core.store.AdminStoreFactory;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.Village;

/**
 * TEST FIXTURE: {@code kampung run}'s real wiring in-process on an embedded store in a directory
 * the caller owns, with {@link KampungUnderTest}'s Kemiren and its MikroTik and CoovaChilli, a
 * second village (Tamansari), the MikroTik's dynamic-authorization port set so kicks reach a test
 * NAS, the demo subscriber {@code warga} seeded by the config, and a desa admin {@code budi} of
 * Kemiren and a kabupaten operator put in the admin store before the start. A second instance on
 * the same directory is {@code kampung run} after a restart.
 */
final class ConsoleKampung implements AutoCloseable {

  static final String DESA_ADMIN = "budi";
  static final String DESA_ADMIN_PASSWORD = "rahasia-kemiren";
  static final String OPERATOR = "operator";
  static final String OPERATOR_PASSWORD = "rahasia-kabupaten";
  static final String OTHER_VILLAGE = "tamansari";
  static final String SUBSCRIBER = "warga";
  static final String SUBSCRIBER_PASSWORD = "kampung123";

  /** Cheap hashing for the seeded accounts; sign-in verifies whatever iterations were stored. */
  static final PasswordHasher HASHER = new PasswordHasher(1_000);

  final KampungConfig config;
  final int authPort;
  final int acctPort;
  private final InProcessKampung running;

  ConsoleKampung(Path dataDir, int mikrotikCoaPort) throws Exception {
    Clock clock = Clock.fixed(KampungUnderTest.EVENING, ZoneOffset.UTC);
    authPort = ShippedConfigOnLoopback.freeUdpPort();
    acctPort = ShippedConfigOnLoopback.freeUdpPort();
    config = config(dataDir, KampungUnderTest.freePort(), authPort, acctPort, mikrotikCoaPort);
    try (AdminStores admin = AdminStoreFactory.open(config.store())) {
      // false after a restart: the account is already in the store.
      admin
          .admins()
          .create(
              new AdminAccount(
                  DESA_ADMIN,
                  AdminRole.DESA,
                  "kemiren",
                  HASHER.hash(DESA_ADMIN_PASSWORD),
                  clock.instant(),
                  clock.instant()));
      admin
          .admins()
          .create(
              new AdminAccount(
                  OPERATOR,
                  AdminRole.KABUPATEN,
                  null,
                  HASHER.hash(OPERATOR_PASSWORD),
                  clock.instant(),
                  clock.instant()));
    }
    running = InProcessKampung.start(config, clock);
  }

  String portalUrl() {
    return config.portal().publicUrl();
  }

  static KampungConfig config(
      Path dataDir, int portalPort, int authPort, int acctPort, int mikrotikCoaPort) {
    KampungConfig base = KampungUnderTest.config(dataDir, portalPort);
    List<Village> villages = new ArrayList<>(base.villages());
    villages.add(
        new Village(
            OTHER_VILLAGE,
            "Tamansari",
            "Licin",
            null,
            new BandwidthPackage(20, 5, 500, 2026, 6_000_000),
            "standar",
            false,
            List.of()));
    List<NasClientSettings> hotspots = new ArrayList<>();
    for (NasClientSettings h : base.hotspots()) {
      hotspots.add(
          h.name().equals(KampungUnderTest.MIKROTIK)
              ? new NasClientSettings(
                  h.name(),
                  h.address(),
                  h.secret(),
                  h.type(),
                  h.village(),
                  h.requireMessageAuthenticator(),
                  mikrotikCoaPort,
                  h.uamSecret())
              : h);
    }
    return new KampungConfig(
        base.regency(),
        new StoreSettings(StoreType.EMBEDDED, dataDir, null, null, null),
        new RadiusSettings(true, "127.0.0.1", authPort, acctPort, 30, null),
        base.portal(),
        base.loginMethods(),
        base.policies(),
        villages,
        hotspots,
        List.of(
            new SubscriberSeed(
                SUBSCRIBER, "kemiren", HASHER.hash(SUBSCRIBER_PASSWORD), "Warga Demo")));
  }

  @Override
  public void close() {
    running.close();
  }
}
