package org.smartkampung.core.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.testing.MutableClock;

/**
 * The behaviour every {@link QuotaLedger} must show, run against each store by a subclass. Villages
 * here keep their days and months in Asia/Jakarta (WIB, UTC+7).
 */
public abstract class QuotaLedgerContract {

  protected static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

  /** 10:00 WIB on 28 November 2026. */
  protected static final Instant MORNING = Instant.parse("2026-11-28T03:00:00Z");

  protected final MutableClock clock = new MutableClock(MORNING);

  /** Limits every village gets; tests set it before charging. */
  protected volatile Limits limits = Limits.NONE;

  /** Unique per test, so tests sharing a Redis never see each other's counters. */
  protected final String village = "desa-" + UUID.randomUUID().toString().substring(0, 8);

  protected QuotaLedger ledger;

  /** A new ledger on the store under test, whose villages all live in {@link #JAKARTA}. */
  protected abstract QuotaLedger newLedger(Clock clock, LimitsSource limits);

  @BeforeEach
  void openLedger() {
    ledger = newLedger(clock, (villageId, userId) -> limits);
  }

  @AfterEach
  void closeLedger() {
    ledger.close();
  }

  protected SessionKey session(String user, String device, String sessionId) {
    return new SessionKey(village, user, device, sessionId);
  }

  @Test
  void chargesAddUpAndReportWhatRemainsForUserAndVillage() {
    limits = new Limits(10_000, 100_000, 1_000, 600, 3);

    ledger.charge(session("alice", "aa:01", "s1"), 100, 50, 10).orThrow();
    Usage alice = ledger.charge(session("alice", "aa:01", "s1"), 200, 0, 5).orThrow();
    Usage bob = ledger.charge(session("bob", "bb:01", "s2"), 1_000, 0, 0).orThrow();

    assertThat(alice.userDayBytes()).isEqualTo(350);
    assertThat(alice.userDaySeconds()).isEqualTo(15);
    assertThat(limits.userBytesLeft(alice)).isEqualTo(650);
    assertThat(limits.userSecondsLeft(alice)).isEqualTo(585);
    assertThat(alice.villageDayBytes()).isEqualTo(350);
    assertThat(bob.userDayBytes()).isEqualTo(1_000);
    assertThat(bob.villageDayBytes()).isEqualTo(1_350);
    assertThat(bob.villageMonthBytes()).isEqualTo(1_350);
    assertThat(limits.villageDayBytesLeft(bob)).isEqualTo(8_650);
    assertThat(limits.villageMonthBytesLeft(bob)).isEqualTo(98_650);
    Usage checked = ledger.check(village, "alice", "aa:01").orThrow();
    assertThat(checked.userDayBytes()).isEqualTo(350);
    assertThat(checked.villageDayBytes()).isEqualTo(1_350);
  }

  @Test
  void userIsExhaustedExactlyAtTheDailyByteLimit() {
    limits = new Limits(Limits.UNLIMITED, Limits.UNLIMITED, 1_000, Limits.UNLIMITED, 3);
    SessionKey alice = session("alice", "aa:01", "s1");

    Usage below = ledger.charge(alice, 600, 399, 0).orThrow();
    assertThat(limits.userExhausted(below)).isFalse();
    assertThat(limits.userBytesLeft(below)).isEqualTo(1);
    assertThat(ledger.isExhausted(village, "alice")).isFalse();

    Usage at = ledger.charge(alice, 1, 0, 0).orThrow();
    assertThat(limits.userExhausted(at)).isTrue();
    assertThat(limits.villageExhausted(at)).isFalse();
    assertThat(ledger.isExhausted(village, "alice")).isTrue();
    assertThat(ledger.isExhausted(village, "bob")).isFalse();
  }

  @Test
  void userIsExhaustedExactlyAtTheDailyTimeLimit() {
    limits = new Limits(Limits.UNLIMITED, Limits.UNLIMITED, Limits.UNLIMITED, 3_600, 3);
    SessionKey alice = session("alice", "aa:01", "s1");

    assertThat(limits.userExhausted(ledger.charge(alice, 0, 0, 3_599).orThrow())).isFalse();
    assertThat(limits.userExhausted(ledger.charge(alice, 0, 0, 1).orThrow())).isTrue();
  }

  @Test
  void villageIsExhaustedForEveryoneExactlyAtItsDailyLimit() {
    limits = new Limits(2_000, Limits.UNLIMITED, Limits.UNLIMITED, Limits.UNLIMITED, 3);

    ledger.charge(session("alice", "aa:01", "s1"), 1_000, 0, 0).orThrow();
    Usage below = ledger.charge(session("bob", "bb:01", "s2"), 999, 0, 0).orThrow();
    assertThat(limits.villageExhausted(below)).isFalse();
    assertThat(limits.villageBytesLeft(below)).isEqualTo(1);

    Usage at = ledger.charge(session("bob", "bb:01", "s2"), 1, 0, 0).orThrow();
    assertThat(limits.villageExhausted(at)).isTrue();
    assertThat(limits.userExhausted(at)).isFalse();
    assertThat(limits.villageExhausted(ledger.check(village, "carol", "cc:01").orThrow())).isTrue();
    assertThat(ledger.isExhausted(village, "alice")).isTrue();
  }

  @Test
  void villageIsExhaustedExactlyAtItsMonthlyLimit() {
    limits = new Limits(Limits.UNLIMITED, 5_000, Limits.UNLIMITED, Limits.UNLIMITED, 3);

    assertThat(
            limits.villageExhausted(ledger.charge(session("a", "d", "s"), 4_999, 0, 0).orThrow()))
        .isFalse();
    Usage at = ledger.charge(session("a", "d", "s"), 0, 1, 0).orThrow();
    assertThat(limits.villageExhausted(at)).isTrue();
    assertThat(limits.villageMonthBytesLeft(at)).isZero();
  }

  @Test
  void accountChargesOnlyWhatIsNewSinceTheSessionsPreviousRecord() {
    SessionKey s = session("alice", "aa:01", "s1");

    assertThat(ledger.account(s, 100, 10, 5).orThrow().userDayBytes()).isEqualTo(110);
    Usage second = ledger.account(s, 300, 20, 60).orThrow();

    assertThat(second.userDayBytes()).isEqualTo(320);
    assertThat(second.userDaySeconds()).isEqualTo(60);
    assertThat(second.villageDayBytes()).isEqualTo(320);
  }

  @Test
  void asynchronousStartAndAccountAgreeWithTheBlockingOnesAndApplyInOrder() throws Exception {
    SessionKey s = session("alice", "aa:01", "s1");

    var started = ledger.sessionStartedAsync(s);
    var first = ledger.accountAsync(s, 100, 10, 5);
    var second = ledger.accountAsync(s, 300, 20, 60);
    var repeated = ledger.accountAsync(s, 300, 20, 60);

    assertThat(started.get(5, TimeUnit.SECONDS).orThrow().userDevices()).isEqualTo(1);
    assertThat(first.get(5, TimeUnit.SECONDS).orThrow().userDayBytes()).isEqualTo(110);
    assertThat(second.get(5, TimeUnit.SECONDS).orThrow().userDayBytes()).isEqualTo(320);
    Usage last = repeated.get(5, TimeUnit.SECONDS).orThrow();
    assertThat(last.userDayBytes()).isEqualTo(320);
    assertThat(last.userDaySeconds()).isEqualTo(60);
    assertThat(ledger.account(s, 400, 20, 61).orThrow().userDayBytes()).isEqualTo(420);
  }

  @Test
  void repeatedAccountingRecordChargesNothing() {
    SessionKey s = session("alice", "aa:01", "s1");
    ledger.account(s, 300, 20, 60).orThrow();

    Usage repeated = ledger.account(s, 300, 20, 60).orThrow();

    assertThat(repeated.userDayBytes()).isEqualTo(320);
    assertThat(repeated.userDaySeconds()).isEqualTo(60);
    assertThat(repeated.villageMonthBytes()).isEqualTo(320);
  }

  @Test
  void countersLowerThanBeforeAfterTheNasRestartedAreChargedAsCountedFromZero() {
    SessionKey s = session("alice", "aa:01", "s1");
    ledger.account(s, 1_000, 0, 60).orThrow();

    clock.advance(Duration.ofSeconds(30)); // the NAS rebooted; its new count is 10 s old
    Usage afterReboot = ledger.account(s, 200, 0, 10).orThrow();
    assertThat(afterReboot.userDayBytes()).isEqualTo(1_200);
    assertThat(afterReboot.userDaySeconds()).isEqualTo(70);

    Usage next = ledger.account(s, 250, 5, 12).orThrow();
    assertThat(next.userDayBytes()).isEqualTo(1_255);
    assertThat(next.userDaySeconds()).isEqualTo(72);
  }

  @Test
  void sessionsAreAccountedIndependently() {
    ledger.account(session("alice", "aa:01", "s1"), 100, 0, 0).orThrow();
    ledger.account(session("alice", "aa:02", "s2"), 100, 0, 0).orThrow();

    Usage usage = ledger.account(session("alice", "aa:01", "s1"), 150, 0, 0).orThrow();

    assertThat(usage.userDayBytes()).isEqualTo(250);
  }

  @Test
  void aClosedSessionChargesOnlyARemainderUntilALaterStartOpensItsIdAnew() {
    SessionKey s = session("alice", "aa:01", "s1");
    ledger.account(s, 1_000, 0, 60).orThrow();
    ledger.sessionEnded(s).orThrow();

    // A record of the closed session charges only what it adds.
    assertThat(ledger.account(s, 1_000, 0, 60).orThrow().userDayBytes()).isEqualTo(1_000);
    assertThat(ledger.account(s, 1_500, 0, 90).orThrow().userDayBytes()).isEqualTo(1_500);

    // A NAS that reuses ids after a reboot: a Start after the close is a new session.
    clock.advance(Duration.ofMinutes(5));
    ledger.sessionStarted(s).orThrow();
    assertThat(ledger.account(s, 700, 0, 30).orThrow().userDayBytes()).isEqualTo(2_200);
  }

  @Test
  void hourlyBytesLandInTheVillagesLocalHourAndHoursWithoutUseAreZero() {
    SessionKey s = session("alice", "aa:01", "s1");
    ledger.charge(s, 100, 0, 0).orThrow(); // 10:00 WIB
    clock.set(Instant.parse("2026-11-28T03:59:59Z")); // 10:59:59 WIB
    ledger.charge(s, 30, 20, 0).orThrow();
    clock.set(Instant.parse("2026-11-28T04:00:00Z")); // 11:00 WIB
    ledger.account(s, 7, 0, 0).orThrow();
    clock.set(Instant.parse("2026-11-28T06:30:00Z")); // 13:30 WIB; 12:00 stays unused
    ledger.charge(session("bob", "bb:01", "s2"), 20, 0, 0).orThrow();
    clock.set(Instant.parse("2026-11-28T17:30:00Z")); // 00:30 WIB on 29 November
    ledger.charge(s, 5, 0, 0).orThrow();
    ledger.charge(new SessionKey("other-" + village, "carol", "cc:01", "s3"), 999, 0, 0).orThrow();

    Map<LocalDateTime, Long> hours =
        ledger.hourlyBytes(village, LocalDateTime.parse("2026-11-28T09:15"), 16);

    assertThat(hours).hasSize(16);
    assertThat(hours.keySet()).first().isEqualTo(LocalDateTime.parse("2026-11-28T09:00"));
    assertThat(hours)
        .containsEntry(LocalDateTime.parse("2026-11-28T09:00"), 0L)
        .containsEntry(LocalDateTime.parse("2026-11-28T10:00"), 150L)
        .containsEntry(LocalDateTime.parse("2026-11-28T11:00"), 7L)
        .containsEntry(LocalDateTime.parse("2026-11-28T12:00"), 0L)
        .containsEntry(LocalDateTime.parse("2026-11-28T13:00"), 20L)
        .containsEntry(LocalDateTime.parse("2026-11-28T17:00"), 0L)
        .containsEntry(LocalDateTime.parse("2026-11-29T00:00"), 5L);
    assertThat(hours.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(182);
  }

  @Test
  void hourlyBytesRefusesMoreHoursThanAreKept() {
    LocalDateTime from = LocalDateTime.parse("2026-11-20T00:00");
    assertThat(ledger.hourlyBytes(village, from, 8 * 24)).hasSize(8 * 24);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ledger.hourlyBytes(village, from, 8 * 24 + 1));
    assertThatIllegalArgumentException().isThrownBy(() -> ledger.hourlyBytes(village, from, 0));
  }

  @Test
  void totalsCarryAcrossDaysWhileTheDayCountsStartAgain() {
    SessionKey s = session("alice", "aa:01", "s1");
    ledger.account(s, 500, 100, 600).orThrow();

    clock.set(clock.instant().plus(java.time.Duration.ofDays(3)));
    Usage later = ledger.account(s, 900, 100, 900).orThrow();

    assertThat(later.userDayBytes()).isEqualTo(400);
    assertThat(later.userDaySeconds()).isEqualTo(300);
    assertThat(later.userTotalBytes()).isEqualTo(1_000);
    assertThat(later.userTotalSeconds()).isEqualTo(900);
    Usage checked = ledger.check(village, "alice", "aa:01").orThrow();
    assertThat(checked.userTotalBytes()).isEqualTo(1_000);
    assertThat(ledger.check(village, "bob", "bb:01").orThrow().userTotalBytes()).isZero();
  }

  @Test
  void dayRollsOverAtJakartaMidnightNotUtcMidnight() {
    SessionKey s = session("alice", "aa:01", "s1");
    clock.set(Instant.parse("2026-11-28T16:59:59Z")); // 23:59:59 WIB
    ledger.charge(s, 500, 0, 30).orThrow();

    clock.set(Instant.parse("2026-11-28T17:00:00Z")); // 00:00:00 WIB, 29 November
    Usage nextDay = ledger.check(village, "alice", "aa:01").orThrow();
    assertThat(nextDay.userDayBytes()).isZero();
    assertThat(nextDay.userDaySeconds()).isZero();
    assertThat(nextDay.villageDayBytes()).isZero();
    assertThat(nextDay.villageMonthBytes()).isEqualTo(500);

    Usage charged = ledger.charge(s, 100, 0, 0).orThrow();
    assertThat(charged.userDayBytes()).isEqualTo(100);
    assertThat(charged.villageDayBytes()).isEqualTo(100);
    assertThat(charged.villageMonthBytes()).isEqualTo(600);

    // UTC midnight (07:00 WIB) is no boundary.
    clock.set(Instant.parse("2026-11-29T00:00:00Z"));
    assertThat(ledger.charge(s, 1, 0, 0).orThrow().userDayBytes()).isEqualTo(101);
  }

  @Test
  void monthRollsOverAtJakartaMidnightOfTheFirst() {
    SessionKey s = session("alice", "aa:01", "s1");
    clock.set(Instant.parse("2026-11-30T16:59:59Z")); // 23:59:59 WIB, 30 November
    ledger.charge(s, 700, 0, 0).orThrow();

    clock.set(Instant.parse("2026-11-30T17:00:00Z")); // 00:00:00 WIB, 1 December
    Usage december = ledger.charge(s, 5, 0, 0).orThrow();

    assertThat(december.villageMonthBytes()).isEqualTo(5);
    assertThat(december.villageDayBytes()).isEqualTo(5);
    assertThat(december.userDayBytes()).isEqualTo(5);
  }

  @Test
  void devicesOnlineAreCountedAndReLoginOfTheSameDeviceTakesNoSecondSlot() {
    limits = new Limits(Limits.UNLIMITED, Limits.UNLIMITED, Limits.UNLIMITED, Limits.UNLIMITED, 2);

    assertThat(ledger.sessionStarted(session("alice", "aa:01", "s1")).orThrow().userDevices())
        .isEqualTo(1);
    assertThat(ledger.sessionStarted(session("alice", "aa:02", "s2")).orThrow().userDevices())
        .isEqualTo(2);
    ledger.sessionStarted(session("bob", "bb:01", "s3")).orThrow();

    // check() counts the others: a third device finds both slots taken, a known one does not.
    assertThat(ledger.check(village, "alice", "aa:03").orThrow().userDevices()).isEqualTo(2);
    assertThat(ledger.check(village, "alice", "aa:01").orThrow().userDevices()).isEqualTo(1);

    // aa:01 logs in again before the Stop of its old session arrives.
    assertThat(ledger.sessionStarted(session("alice", "aa:01", "s4")).orThrow().userDevices())
        .isEqualTo(2);
    assertThat(ledger.sessionEnded(session("alice", "aa:01", "s1")).orThrow().userDevices())
        .isEqualTo(2);
    assertThat(ledger.sessionEnded(session("alice", "aa:01", "s4")).orThrow().userDevices())
        .isEqualTo(1);
    assertThat(ledger.sessionEnded(session("alice", "aa:02", "s2")).orThrow().userDevices())
        .isZero();
    assertThat(ledger.check(village, "bob", "bb:02").orThrow().userDevices()).isEqualTo(1);
  }

  @Test
  void unlimitedLimitsStayUnlimited() {
    limits = Limits.NONE;
    SessionKey s = session("alice", "aa:01", "s1");

    ledger.charge(s, 4_000_000_000_000L, 1_000_000_000_000L, 86_400).orThrow();
    Usage usage = ledger.charge(s, 4_000_000_000_000L, 0, 86_400).orThrow();

    assertThat(usage.userDayBytes()).isEqualTo(9_000_000_000_000L);
    assertThat(limits.userBytesLeft(usage)).isEqualTo(Limits.UNLIMITED);
    assertThat(limits.userSecondsLeft(usage)).isEqualTo(Limits.UNLIMITED);
    assertThat(limits.villageBytesLeft(usage)).isEqualTo(Limits.UNLIMITED);
    assertThat(limits.userExhausted(usage)).isFalse();
    assertThat(limits.villageExhausted(usage)).isFalse();
    assertThat(ledger.isExhausted(village, "alice")).isFalse();
  }

  @Test
  void villagesCountSeparately() {
    ledger.charge(session("alice", "aa:01", "s1"), 100, 0, 0).orThrow();

    Usage other =
        ledger.charge(new SessionKey(village + "-lain", "alice", "aa:01", "s1"), 7, 0, 0).orThrow();

    assertThat(other.userDayBytes()).isEqualTo(7);
    assertThat(other.villageDayBytes()).isEqualTo(7);
  }

  @Test
  void concurrentChargesAndAccountingAddUpExactly() throws Exception {
    int threads = 8;
    int sessionsPerThread = 3;
    int recordsPerSession = 100;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<long[]>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String user = "user" + (t % 3);
        int thread = t;
        Callable<long[]> work =
            () -> {
              long bytes = 0;
              long seconds = 0;
              for (int s = 0; s < sessionsPerThread; s++) {
                SessionKey key = session(user, "dev" + thread, "t" + thread + "s" + s);
                long totalIn = 0;
                for (int r = 1; r <= recordsPerSession; r++) {
                  if (r % 2 == 0) {
                    ledger.charge(key, r, 1, 1).orThrow();
                    bytes += r + 1;
                    seconds += 1;
                  } else {
                    totalIn += r * 10L;
                    ledger.account(key, totalIn, 0, r).orThrow();
                  }
                }
                // account() charged totalIn bytes and the last seconds total of this session.
                bytes += totalIn;
                seconds += recordsPerSession - 1;
              }
              return new long[] {bytes, seconds};
            };
        results.add(pool.submit(work));
      }
      long expectedBytes = 0;
      long expectedSeconds = 0;
      for (Future<long[]> result : results) {
        long[] sums = result.get(2, TimeUnit.MINUTES);
        expectedBytes += sums[0];
        expectedSeconds += sums[1];
      }
      Usage usage = ledger.check(village, "user0", "x").orThrow();
      assertThat(usage.villageDayBytes()).isEqualTo(expectedBytes);
      assertThat(usage.villageMonthBytes()).isEqualTo(expectedBytes);
      long userBytes = 0;
      long userSeconds = 0;
      for (int u = 0; u < 3; u++) {
        Usage user = ledger.check(village, "user" + u, "x").orThrow();
        userBytes += user.userDayBytes();
        userSeconds += user.userDaySeconds();
      }
      assertThat(userBytes).isEqualTo(expectedBytes);
      assertThat(userSeconds).isEqualTo(expectedSeconds);
    } finally {
      pool.shutdownNow();
    }
  }
}
