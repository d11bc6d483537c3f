package org.smartkampung.app.e2e;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AdminRole;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.LiveConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.quota.ConfigLimitsSource;
import org.smartkampung.core.store.AdminStoreFactory;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.Village;
import org.smartkampung.portal.PortalServer;
import org.smartkampung.portal.admin.AdminSetup;
import org.smartkampung.radius.RadiusServer;

/**
 * TEST FIXTURE: {@link KampungUnderTest}'s Kemiren plus a second village (Tamansari), wired as
 * {@code kampung run} wires them (app {@code Wiring}): the admin console on the portal, console
 * edits laid over the config by one {@link LiveConfig} that both RADIUS and the ledger read, and
 * the MikroTik's dynamic-authorization port set to {@code coaPort} so kicks reach a test NAS. A
 * desa admin {@code budi} of Kemiren is seeded in the admin store. Closing stops every role and the
 * stores, and leaves the data directory.
 */
final class ConsoleKampung implements AutoCloseable {

  static final String DESA_ADMIN = "budi";
  static final String DESA_ADMIN_PASSWORD = "rahasia-kemiren";
  static final String OTHER_VILLAGE = "tamansari";

  /** Cheap hashing for the seeded admin; the console verifies whatever iterations were stored. */
  static final PasswordHasher HASHER = new PasswordHasher(1_000);

  final Path dataDir;
  final KampungConfig config;
  final KampungStores stores;
  final AdminStores admin;
  final LiveConfig live;
  final RadiusServer radius;
  final PortalServer portal;
  private final Clock clock = Clock.fixed(KampungUnderTest.EVENING, ZoneOffset.UTC);

  /**
   * Starts on the embedded store in {@code dataDir}, which the caller owns: a second instance on
   * the same directory is {@code kampung run} after a restart.
   */
  ConsoleKampung(Path dataDir, int mikrotikCoaPort) throws Exception {
    this.dataDir = dataDir;
    config = config(dataDir, KampungUnderTest.freePort(), mikrotikCoaPort);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ConfigLimitsSource limits = new ConfigLimitsSource(config);
    stores = StoreFactory.open(config, limits, clock, registry);
    admin = AdminStoreFactory.open(config.store());
    live = new LiveConfig(config, admin.villageSettings(), clock, Duration.ofSeconds(10));
    live.onChange(limits::update);
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
    radius = RadiusServer.start(config, live::current, stores, clock, registry);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    portal =
        PortalServer.start(
                null, config, stores, clock, registry, key, new AdminSetup(live, admin, HASHER))
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
  }

  String portalUrl() {
    return config.portal().publicUrl();
  }

  static KampungConfig config(Path dataDir, int portalPort, int mikrotikCoaPort) {
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
        base.store(),
        base.radius(),
        base.portal(),
        base.loginMethods(),
        base.policies(),
        villages,
        hotspots,
        base.subscribers());
  }

  @Override
  public void close() throws Exception {
    portal.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    radius.close();
    admin.close();
    stores.close();
  }
}
