package org.smartkampung.core.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedQuotaLedgerTest extends NasRetriesContract {

  @TempDir Path dataDir;

  @Override
  protected QuotaLedger newLedger(Clock clock, LimitsSource limits) {
    return open(dataDir, 0, clock);
  }

  private EmbeddedQuotaLedger open(Path dir, int snapshotIntervalSeconds, Clock clock) {
    return new EmbeddedQuotaLedger(
        dir, snapshotIntervalSeconds, v -> JAKARTA, (v, u) -> limits, clock);
  }

  @Test
  void countersDevicesAndSessionCountersSurviveCloseAndReopen() {
    SessionKey s = session("alice", "aa:01", "s1");
    ledger.sessionStarted(s).orThrow();
    ledger.account(s, 1_000, 200, 60).orThrow();
    ledger.close();

    ledger = open(dataDir, 0, clock);

    Usage usage = ledger.check(village, "alice", "aa:02").orThrow();
    assertThat(usage.userDayBytes()).isEqualTo(1_200);
    assertThat(usage.userDaySeconds()).isEqualTo(60);
    assertThat(usage.villageMonthBytes()).isEqualTo(1_200);
    assertThat(usage.userDevices()).isEqualTo(1);
    assertThat(usage.userTotalBytes()).isEqualTo(1_200);
    assertThat(usage.userTotalSeconds()).isEqualTo(60);
    // The session's last counters came back too: a repeated record still charges nothing.
    assertThat(ledger.account(s, 1_000, 200, 60).orThrow().userDayBytes()).isEqualTo(1_200);
    assertThat(Files.exists(dataDir.resolve("counters.json.tmp"))).isFalse();
  }

  @Test
  void hourlyCountersSurviveReopenAndArePrunedAfterEightDays() {
    ledger.charge(session("alice", "aa:01", "s1"), 500, 0, 30).orThrow(); // 10:00 WIB, 28 Nov
    ledger.close();
    ledger = open(dataDir, 0, clock);
    LocalDateTime ten = LocalDateTime.parse("2026-11-28T10:00");
    assertThat(ledger.hourlyBytes(village, ten, 1)).containsEntry(ten, 500L);

    clock.set(Instant.parse("2026-12-06T02:00:00Z")); // 09:00 WIB, 6 Dec: 8 days minus an hour
    ledger.close();
    ledger = open(dataDir, 0, clock);
    assertThat(ledger.hourlyBytes(village, ten, 1)).containsEntry(ten, 500L);

    clock.set(Instant.parse("2026-12-06T04:00:00Z")); // 11:00 WIB, 6 Dec: over 8 days
    ledger.charge(session("alice", "aa:01", "s1"), 1, 0, 0).orThrow();
    assertThat(ledger.hourlyBytes(village, ten, 1)).containsEntry(ten, 0L);
    ledger.close();
    ledger = open(dataDir, 0, clock);
    assertThat(ledger.hourlyBytes(village, ten, 1)).containsEntry(ten, 0L);
    assertThat(ledger.hourlyBytes(village, LocalDateTime.parse("2026-12-06T11:00"), 1))
        .containsValue(1L);
  }

  @Test
  void reopeningOnALaterDayDropsExpiredDaysButKeepsTheMonth() {
    ledger.charge(session("alice", "aa:01", "s1"), 500, 0, 30).orThrow();
    ledger.close();
    clock.set(Instant.parse("2026-11-29T03:00:00Z"));

    ledger = open(dataDir, 0, clock);

    Usage usage = ledger.check(village, "alice", "aa:01").orThrow();
    assertThat(usage.userDayBytes()).isZero();
    assertThat(usage.villageDayBytes()).isZero();
    assertThat(usage.villageMonthBytes()).isEqualTo(500);
  }

  @Test
  void snapshotIsWrittenPeriodicallyWithoutClose(@TempDir Path copyDir) {
    ledger.close();
    ledger = open(dataDir, 1, clock);

    ledger.charge(session("alice", "aa:01", "s1"), 4_321, 0, 0).orThrow();

    // Read a copy, as a process restarted after a crash would find it.
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              Files.copy(
                  dataDir.resolve("counters.json"),
                  copyDir.resolve("counters.json"),
                  StandardCopyOption.REPLACE_EXISTING);
              EmbeddedQuotaLedger restarted = open(copyDir, 0, clock);
              try {
                assertThat(restarted.check(village, "alice", "x").orThrow().userDayBytes())
                    .isEqualTo(4_321);
              } finally {
                restarted.close();
              }
            });
  }

  /** Copies the data directory as a crash would leave it on disk (no close, no last snapshot). */
  private static void copyAsCrashed(Path from, Path to) throws IOException {
    try (var files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @Test
  void everyAcknowledgedRecordSurvivesACrashBeforeAnySnapshot(@TempDir Path crashed)
      throws IOException {
    SessionKey s = session("alice", "aa:01", "s1");
    ledger.record(s, AccountingEvent.start()).orThrow();
    ledger.record(s, AccountingEvent.interim(60 * MB, 0, 300)).orThrow();
    for (int i = 1; i <= 5; i++) {
      SessionKey other = session("bob", "bb:0" + i, "b" + i);
      ledger.record(other, AccountingEvent.start()).orThrow();
      ledger.record(other, AccountingEvent.stop(10 * MB, 0, 60)).orThrow();
    }
    assertThat(Files.exists(dataDir.resolve("counters.json"))).isFalse();

    copyAsCrashed(dataDir, crashed);
    EmbeddedQuotaLedger restarted = open(crashed, 0, clock);
    try {
      assertThat(restarted.check(village, "bob", "x").orThrow().villageDayBytes())
          .isEqualTo(110 * MB);
      assertThat(restarted.check(village, "bob", "x").orThrow().userDevices()).isZero();
      assertThat(restarted.check(village, "alice", "x").orThrow().userDevices()).isEqualTo(1);
      // The sessions' counters came back too: the retried Stops charge nothing.
      restarted.record(session("bob", "bb:01", "b1"), AccountingEvent.stop(10 * MB, 0, 60));
      restarted.record(s, AccountingEvent.interim(60 * MB, 0, 300));
      assertThat(restarted.check(village, "bob", "x").orThrow().villageDayBytes())
          .isEqualTo(110 * MB);
    } finally {
      restarted.close();
    }
  }

  @Test
  void aJournalLineTornByTheCrashIsDroppedAndTheRestKept(@TempDir Path crashed) throws IOException {
    ledger.record(session("alice", "aa:01", "s1"), AccountingEvent.interim(MB, 0, 60)).orThrow();
    copyAsCrashed(dataDir, crashed);
    try (var files = Files.list(crashed)) {
      Path log = files.filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow();
      Files.writeString(log, "{\"t\":1,\"op\":\"cha", java.nio.file.StandardOpenOption.APPEND);
    }

    EmbeddedQuotaLedger restarted = open(crashed, 0, clock);
    try {
      assertThat(restarted.check(village, "alice", "x").orThrow().userDayBytes()).isEqualTo(MB);
    } finally {
      restarted.close();
    }
  }

  @Test
  void aSnapshotCoversTheJournalSoItsFilesAreDeleted() throws IOException {
    ledger.record(session("alice", "aa:01", "s1"), AccountingEvent.interim(MB, 0, 60)).orThrow();
    ((EmbeddedQuotaLedger) ledger).snapshotNow();
    ledger
        .record(session("alice", "aa:01", "s1"), AccountingEvent.interim(3 * MB, 0, 90))
        .orThrow();
    ((EmbeddedQuotaLedger) ledger).snapshotNow();

    try (var files = Files.list(dataDir)) {
      assertThat(files.filter(f -> f.toString().endsWith(".log")).count()).isEqualTo(1);
    }
    ledger.close();
    ledger = open(dataDir, 0, clock);
    assertThat(ledger.check(village, "alice", "x").orThrow().userDayBytes()).isEqualTo(3 * MB);
  }

  @Test
  void closedAndSilentSessionsAreForgottenAfterTheRetention() {
    ledger.close();
    ledger =
        new EmbeddedQuotaLedger(
            dataDir, 0, v -> JAKARTA, (v, u) -> limits, clock, Duration.ofHours(1));
    EmbeddedQuotaLedger embedded = (EmbeddedQuotaLedger) ledger;
    for (int i = 0; i < 100; i++) {
      SessionKey key = session("u" + i, "d" + i, "gone-" + i);
      ledger.record(key, AccountingEvent.interim(1_000, 0, 60)).orThrow();
      if (i % 2 == 0) {
        ledger.record(key, AccountingEvent.stop(2_000, 0, 120)).orThrow();
      }
    }
    assertThat(embedded.sessionRecordCount()).isEqualTo(100);

    clock.advance(Duration.ofMinutes(61));
    embedded.snapshotNow();

    assertThat(embedded.sessionRecordCount()).isZero();
    assertThat(ledger.check(village, "u1", "x").orThrow().userDevices()).isZero();
    assertThat(ledger.check(village, "u1", "x").orThrow().villageDayBytes()).isEqualTo(150_000);
  }

  @Test
  void unreadableSnapshotFailsTheStartLoudly() throws IOException {
    ledger.close();
    Files.writeString(dataDir.resolve("counters.json"), "{not json");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> open(dataDir, 0, clock))
        .hasMessageContaining("counters.json");
    ledger = open(Files.createTempDirectory(dataDir, "fresh"), 0, clock);
  }
}
