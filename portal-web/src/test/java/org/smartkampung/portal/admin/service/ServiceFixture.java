package org.smartkampung.portal.admin.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.store.AdminStoreFactory;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.portal.testing.PortalHarness;
import org.smartkampung.portal.testing.TestStores;

/**
 * The admin services on the real embedded stores in a temporary directory (Kemiren, Tamansari), on
 * a clock that moves a millisecond whenever it is read, so audit entries sort in the order made.
 */
final class ServiceFixture implements AutoCloseable {

  final Clock clock = new TickingClock(PortalHarness.EVENING);
  final Path dataDir;
  final TestStores stores;
  final AdminStores admin;
  final AdminServices services;

  ServiceFixture() throws Exception {
    KampungConfig config = PortalHarness.config(null, "http://127.0.0.1:8080");
    dataDir = Files.createTempDirectory("admin-service-test");
    stores = new TestStores(config, dataDir, clock);
    admin = AdminStoreFactory.embedded(dataDir);
    services = AdminServices.create(stores, admin, new PasswordHasher(1_000), clock);
  }

  /** Every audit entry, oldest first. */
  List<AuditEntry> audit() {
    List<AuditEntry> newest = new java.util.ArrayList<>(admin.audit().newest(100));
    java.util.Collections.reverse(newest);
    return newest;
  }

  /** A live session of user "sari" at the village's MikroTik. */
  Session liveSession(String id, String village) {
    Instant now = clock.instant();
    Session s =
        new Session(
            id,
            village,
            "sari",
            "3c:5a:b4:01:02:03",
            village + "-mt",
            "10.5.50.1",
            id.substring(id.indexOf('/') + 1),
            "10.5.50.23",
            now.minusSeconds(600),
            now,
            40_000_000,
            2_000_000,
            1_500_000);
    stores.sessions().put(s);
    return s;
  }

  @Override
  public void close() throws Exception {
    stores.close();
    admin.close();
  }

  /** A clock one millisecond later at every read. */
  private static final class TickingClock extends Clock {
    private final AtomicLong millis;
    private final ZoneId zone;

    TickingClock(Instant start) {
      this(new AtomicLong(start.toEpochMilli()), ZoneId.of("UTC"));
    }

    private TickingClock(AtomicLong millis, ZoneId zone) {
      this.millis = millis;
      this.zone = zone;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.incrementAndGet());
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
      return new TickingClock(millis, other);
    }
  }
}
