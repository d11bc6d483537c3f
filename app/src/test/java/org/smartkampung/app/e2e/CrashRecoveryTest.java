package org.smartkampung.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.app.ShippedConfigOnLoopback;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.radius.RadiusServer;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * {@code kampung run} on the shipped configuration (embedded store) is killed with SIGKILL in the
 * middle of a stream of accounting: every byte it acknowledged is charged after the restart, the
 * sessions it stopped stay stopped, and the device of the session cut off by the crash is freed by
 * the lost-session sweep.
 */
class CrashRecoveryTest {

  private static final long MB = 1_000_000;

  @TempDir Path dir;

  @Test
  void aSigkilledServerLosesNoAcknowledgedRecordAndTheSweepFreesTheCutOffDevice() throws Exception {
    ShippedConfigOnLoopback shipped = ShippedConfigOnLoopback.write(dir);
    Process kampung = start(shipped);
    AtomicLong acknowledgedBytes = new AtomicLong();
    AtomicInteger acknowledgedStops = new AtomicInteger();
    AtomicLong inFlightBytes = new AtomicLong();
    AtomicInteger inFlightStatus = new AtomicInteger();
    Thread hotspot;
    try (NasRadiusClient nas =
        new NasRadiusClient("127.0.0.1", "testing123", shipped.authPort(), shipped.acctPort())) {
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(
              () -> {
                nas.accountingRequest(7, List.of()); // Accounting-On: is it up?
                return true;
              });
      hotspot =
          new Thread(
              () ->
                  stream(nas, acknowledgedBytes, acknowledgedStops, inFlightBytes, inFlightStatus),
              "hotspot");
      hotspot.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> acknowledgedStops.get() >= 5);
      kampung.destroyForcibly(); // SIGKILL: no shutdown hook, no last snapshot
      assertThat(kampung.waitFor(30, TimeUnit.SECONDS)).isTrue();
      hotspot.join(TimeUnit.SECONDS.toMillis(20));
    } finally {
      kampung.destroyForcibly();
    }

    KampungConfig config = ConfigLoader.load(shipped.file());
    try (KampungStores stores =
        StoreFactory.openEmbedded(
            config.store(),
            StoreFactory.villageZones(config),
            new ConfigLimitsSource(config),
            Clock.systemUTC())) {
      Usage usage = stores.ledger().check("kemiren", "warga", "x").orThrow();
      assertThat(usage.userDayBytes())
          .as("every acknowledged byte, and at most the one record in flight at the kill")
          .isBetween(acknowledgedBytes.get(), acknowledgedBytes.get() + inFlightBytes.get());
      assertThat(usage.villageDayBytes()).isEqualTo(usage.userDayBytes());
      int online = usage.userDevices();
      assertThat(online).as("only the session cut off by the crash").isLessThanOrEqualTo(1);
      // A Stop in flight at the kill may have closed its session in the ledger before taking it
      // off the live list (the ledger closes first, so the sweep always finds what it holds open;
      // the NAS's retransmit of the Stop removes it). Nothing else may differ.
      int stopInFlight = inFlightStatus.get() == 2 ? 1 : 0;
      int listed = stores.sessions().listByVillage("kemiren").size();
      assertThat(listed).isBetween(online, online + stopInFlight);

      // An hour later its Stop has still not come: the sweep ends it and frees its device.
      Clock hourLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
      try (RadiusServer radius =
          RadiusServer.start(config, stores, hourLater, new SimpleMeterRegistry())) {
        assertThat(radius.sweepLostSessions()).isEqualTo(listed);
      }
      assertThat(stores.ledger().check("kemiren", "warga", "x").orThrow().userDevices()).isZero();
      assertThat(stores.sessions().listByVillage("kemiren")).isEmpty();
    }
  }

  private Process start(ShippedConfigOnLoopback shipped) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = dir.resolve("kampung.log");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("org.smartkampung.app.KampungCli");
    command.add("run");
    command.add("--config");
    command.add(shipped.file().toString());
    return new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** Sessions of Start, two Interims and a Stop, one after another, until the server dies. */
  private static void stream(
      NasRadiusClient nas,
      AtomicLong acknowledgedBytes,
      AtomicInteger acknowledgedStops,
      AtomicLong inFlightBytes,
      AtomicInteger inFlightStatus) {
    try {
      for (int s = 1; ; s++) {
        String id = "crash-" + s;
        String mac = String.format("AA-BB-CC-00-00-%02X", s % 256);
        long charged = 0;
        long[] downloads = {0, 3 * MB, 8 * MB, 11 * MB};
        int[] statuses = {1, 3, 3, 2};
        for (int r = 0; r < statuses.length; r++) {
          inFlightBytes.set(downloads[r] - charged);
          inFlightStatus.set(statuses[r]);
          nas.accountingRequest(statuses[r], record(nas, id, mac, downloads[r], 60L * r));
          acknowledgedBytes.addAndGet(downloads[r] - charged);
          charged = downloads[r];
          if (statuses[r] == 2) {
            acknowledgedStops.incrementAndGet();
          }
        }
      }
    } catch (Exception serverGone) {
      // The kill: the record in flight may or may not have been charged.
    }
  }

  private static List<RadiusAttribute> record(
      NasRadiusClient nas, String id, String mac, long download, long seconds) {
    return List.of(
        nas.attributes.text("Acct-Session-Id", id),
        nas.attributes.text("User-Name", "warga"),
        nas.attributes.text("Class", "kampung:kemiren:warga"),
        nas.attributes.text("Calling-Station-Id", mac),
        nas.attributes.unsigned("Acct-Output-Octets", download),
        nas.attributes.unsigned("Acct-Input-Octets", 0),
        nas.attributes.unsigned("Acct-Session-Time", seconds));
  }
}
