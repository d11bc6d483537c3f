package org.smartkampung.core.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What real hotspots do to accounting: retries, late and reordered records, 32-bit wraps,
 * Accounting-Off, lost Stops and parallel logins. Every row charges exactly, on each store (run by
 * a subclass of {@link QuotaLedgerContract}'s kind).
 */
public abstract class NasRetriesContract extends QuotaLedgerContract {

  protected static final long MB = 1_000_000L;

  private final SessionKey s = session("alice", "aa:01", "s1");

  /** Bytes charged to the villager today, and checks the village got the same. */
  protected long charged() {
    Usage usage = ledger.check(village, "alice", "aa:01").orThrow();
    assertThat(usage.villageDayBytes())
        .as("village charged as the villager")
        .isEqualTo(usage.userDayBytes());
    return usage.userDayBytes();
  }

  private void record(AccountingEvent event) {
    ledger.record(s, event).orThrow();
  }

  /** Start, an Interim at 100 MB after 5 minutes, a Stop at 200 MB after 10. */
  private void aTenMinuteSession() {
    record(AccountingEvent.start());
    clock.advance(Duration.ofMinutes(5));
    record(AccountingEvent.interim(80 * MB, 20 * MB, 300));
    clock.advance(Duration.ofMinutes(5));
    record(AccountingEvent.stop(160 * MB, 40 * MB, 600));
  }

  @Test
  void anInterimArrivingAfterTheStopChargesNothing() {
    aTenMinuteSession();
    clock.advance(Duration.ofSeconds(2));

    QuotaResult late = ledger.record(s, AccountingEvent.interim(120 * MB, 30 * MB, 450));

    assertThat(charged()).isEqualTo(200 * MB);
    assertThat(((QuotaResult.Ok) late).sessionOpen())
        .as("the late record keeps it closed")
        .isFalse();
  }

  @Test
  void aStopResentWithAcctDelayTimeAfterItsResponseWasLostChargesNothing() {
    aTenMinuteSession();
    clock.advance(Duration.ofSeconds(5));

    record(AccountingEvent.stop(160 * MB, 40 * MB, 600).delayed(5));

    assertThat(charged()).isEqualTo(200 * MB);
  }

  @Test
  void theIdenticalStopResentAfterTheDuplicateWindowChargesNothing() {
    record(AccountingEvent.start());
    clock.advance(Duration.ofMinutes(5));
    record(AccountingEvent.interim(100 * MB, 10 * MB, 300));
    clock.advance(Duration.ofMinutes(5));
    record(AccountingEvent.stop(200 * MB, 20 * MB, 600));
    clock.advance(Duration.ofSeconds(31));

    record(AccountingEvent.stop(200 * MB, 20 * MB, 600));

    assertThat(charged()).isEqualTo(220 * MB);
  }

  @Test
  void aWrappedThirtyTwoBitCounterIsChargedAcrossTheWrapAndTheOthersAsUsual() {
    record(AccountingEvent.start());
    clock.advance(Duration.ofMinutes(30));
    record(AccountingEvent.interim(4_000_000_000L, 100 * MB, 1_800));
    clock.advance(Duration.ofMinutes(5));

    // The input counter passed 2^32 and, without Gigawords, starts again from zero.
    record(AccountingEvent.interim(500_000_000L, 150 * MB, 2_100));

    long wrapped = (1L << 32) - 4_000_000_000L + 500_000_000L;
    assertThat(charged()).isEqualTo(4_000_000_000L + wrapped + 150 * MB);
    assertThat(charged()).isEqualTo(4_944_967_296L);
  }

  @Test
  void accountingOffThenTheSessionsOwnStopChargesOnlyWhatTheStopAdds() {
    record(AccountingEvent.start());
    clock.advance(Duration.ofMinutes(5));
    record(AccountingEvent.interim(100 * MB, 0, 300));
    ledger.closeAll(List.of(s)).join();
    clock.advance(Duration.ofSeconds(1));

    record(AccountingEvent.stop(150 * MB, 0, 310));

    assertThat(charged()).isEqualTo(150 * MB);
    assertThat(ledger.check(village, "alice", "aa:09").orThrow().userDevices()).isZero();
  }

  @Test
  void interimsDeliveredOutOfOrderChargeEachByteOnce() {
    record(AccountingEvent.start());
    clock.advance(Duration.ofMinutes(10));
    // The second Interim overtakes the first.
    record(AccountingEvent.interim(200 * MB, 0, 600));
    record(AccountingEvent.interim(100 * MB, 0, 300));
    clock.advance(Duration.ofMinutes(5));
    record(AccountingEvent.interim(250 * MB, 0, 900));

    assertThat(charged()).isEqualTo(250 * MB);
  }

  @Test
  void aLateStartChargesNothingAndDoesNotReopenTheSession() {
    aTenMinuteSession();
    clock.advance(Duration.ofSeconds(3));

    record(AccountingEvent.start().delayed(603));
    record(AccountingEvent.interim(160 * MB, 40 * MB, 600));

    assertThat(charged()).isEqualTo(200 * MB);
    assertThat(ledger.check(village, "alice", "aa:09").orThrow().userDevices()).isZero();
  }

  @Test
  void aStopWithoutTheDeviceFreesTheDeviceItsStartRecorded() {
    record(AccountingEvent.start());
    assertThat(ledger.check(village, "alice", "aa:09").orThrow().userDevices()).isEqualTo(1);

    ledger.record(session("alice", "", "s1"), AccountingEvent.stop(MB, 0, 60)).orThrow();

    assertThat(ledger.check(village, "alice", "aa:09").orThrow().userDevices()).isZero();
    assertThat(charged()).isEqualTo(MB);
  }

  @Test
  void aClosedLostSessionFreesItsDeviceAndALateStopChargesItsRemainder() {
    record(AccountingEvent.start());
    clock.advance(Duration.ofMinutes(5));
    record(AccountingEvent.interim(10 * MB, 0, 300));

    ledger.close(s).orThrow(); // the sweep: no record for too long

    assertThat(ledger.check(village, "alice", "aa:09").orThrow().userDevices()).isZero();
    record(AccountingEvent.stop(12 * MB, 0, 360).delayed(600));
    assertThat(charged()).isEqualTo(12 * MB);
  }

  @Test
  void parallelLoginsOfFiveDevicesGetExactlyTheTwoSlotsThePolicyAllows() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      List<Future<Boolean>> logins = new ArrayList<>();
      for (int d = 1; d <= 5; d++) {
        String device = "bb:0" + d;
        Callable<Boolean> login = () -> ledger.reserveDevice(village, "bob", device, 2);
        logins.add(pool.submit(login));
      }
      int accepted = 0;
      for (Future<Boolean> login : logins) {
        accepted += login.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(accepted).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
    assertThat(ledger.check(village, "bob", "bb:99").orThrow().userDevices()).isEqualTo(2);
  }

  @Test
  void aHeldSlotIsConfirmedByItsStartOrFreedWhenNoStartComes() {
    assertThat(ledger.reserveDevice(village, "bob", "bb:01", 1)).isTrue();
    assertThat(ledger.reserveDevice(village, "bob", "bb:02", 1)).isFalse();
    // The same device logging in again keeps its slot.
    assertThat(ledger.reserveDevice(village, "bob", "bb:01", 1)).isTrue();

    clock.advance(Duration.ofSeconds(QuotaLedger.DEVICE_RESERVATION_SECONDS + 1));
    assertThat(ledger.reserveDevice(village, "bob", "bb:02", 1)).isTrue();
    ledger.record(new SessionKey(village, "bob", "bb:02", "s9"), AccountingEvent.start()).orThrow();
    clock.advance(Duration.ofSeconds(QuotaLedger.DEVICE_RESERVATION_SECONDS + 1));

    assertThat(ledger.reserveDevice(village, "bob", "bb:01", 1)).isFalse();
    assertThat(ledger.check(village, "bob", "bb:03").orThrow().userDevices()).isEqualTo(1);
  }

  @Test
  void closeAllClosesEverySessionGivenAndFreesTheirDevices() {
    List<SessionKey> sessions = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      SessionKey key = new SessionKey(village, "u" + (i % 7), "d" + i, "bulk-" + i);
      ledger.record(key, AccountingEvent.interim(1_000, 0, 10)).orThrow();
      sessions.add(key);
    }
    assertThat(ledger.check(village, "u0", "x").orThrow().userDevices()).isEqualTo(172);

    assertThat(ledger.closeAll(sessions).join()).isTrue();

    assertThat(ledger.check(village, "u0", "x").orThrow().userDevices()).isZero();
    // Closed: the same counters again add nothing.
    ledger.record(sessions.get(0), AccountingEvent.stop(1_000, 0, 10)).orThrow();
    assertThat(ledger.check(village, "u0", "x").orThrow().villageDayBytes()).isEqualTo(1_200_000);
  }
}
