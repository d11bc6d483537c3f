package org.smartkampung.radius.acct;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.testing.MutableClock;
import org.smartkampung.radius.server.RadiusMetrics.DropReason;
import org.smartkampung.radius.testing.RadiusHarness;

/**
 * Accounting through the real server and the embedded store, as hotspots really send it: lost
 * Stops, records without a session id, and a login storm of one villager's devices.
 */
class ExactAccountingTest {

  private static final Duration WAIT = Duration.ofSeconds(3);
  private static final Duration SILENCE = Duration.ofMillis(700);
  private static final int START = 1;
  private static final int INTERIM = 3;
  private static final int STOP = 2;

  private final MutableClock clock = new MutableClock(Instant.now());

  private RadiusHarness harness() {
    return new RadiusHarness(
        List.of(
            RadiusHarness.hotspot(
                "mikrotik-yes", "127.0.0.1", NasType.MIKROTIK, MessageAuthenticatorPolicy.YES, 0)),
        OpeningHours.ALWAYS,
        clock);
  }

  private static boolean accepted(RadiusHarness h, byte[] request) throws Exception {
    byte[] reply = h.exchange(request, h.server.authPort(), WAIT).orElseThrow();
    return reply[0] == 2;
  }

  private static Optional<byte[]> account(RadiusHarness h, byte[] record) throws Exception {
    return h.exchange(record, h.server.acctPort(), WAIT);
  }

  @Test
  void parallelLoginsOfFiveDevicesGetExactlyTheTwoAcceptsThePolicyAllows() throws Exception {
    try (RadiusHarness h = harness()) {
      ExecutorService phones = Executors.newFixedThreadPool(5);
      try {
        List<Future<Boolean>> logins = new ArrayList<>();
        for (int d = 1; d <= 5; d++) {
          byte[] request = h.papRequest("siti", "sandi123", "AA-BB-CC-DD-EE-0" + d, true);
          Callable<Boolean> login = () -> accepted(h, request);
          logins.add(phones.submit(login));
        }
        int accepts = 0;
        for (Future<Boolean> login : logins) {
          accepts += login.get() ? 1 : 0;
        }
        assertThat(accepts).isEqualTo(2);
      } finally {
        phones.shutdownNow();
      }
    }
  }

  @Test
  void aLostStopFreesTheDeviceSlotAtTheSweep() throws Exception {
    try (RadiusHarness h = harness()) {
      for (int d = 1; d <= 2; d++) {
        String mac = "AA-BB-CC-DD-EE-0" + d;
        assertThat(accepted(h, h.papRequest("siti", "sandi123", mac, true))).isTrue();
        assertThat(account(h, h.accountingRecord(START, "lost-" + d, mac, 0, 0, 0, 0))).isPresent();
      }
      byte[] third = h.papRequest("siti", "sandi123", "AA-BB-CC-DD-EE-03", true);
      assertThat(accepted(h, third)).as("both slots taken").isFalse();

      // Neither Stop ever comes. The policy's interim is 60 s and idle 300 s: lost after 360 s.
      clock.advance(Duration.ofSeconds(300));
      assertThat(h.server.sweepLostSessions()).isZero();
      clock.advance(Duration.ofSeconds(61));
      assertThat(h.server.sweepLostSessions()).isEqualTo(2);

      assertThat(h.stores.sessions().listByVillage(RadiusHarness.VILLAGE)).isEmpty();
      byte[] again = h.papRequest("siti", "sandi123", "AA-BB-CC-DD-EE-03", true);
      assertThat(accepted(h, again)).as("a slot is free again").isTrue();
    }
  }

  @Test
  void aStopRetriedWithAcctDelayTimeAndAnInterimAfterItChargeNothingMore() throws Exception {
    try (RadiusHarness h = harness()) {
      String id = "s-" + UUID.randomUUID();
      String mac = "AA-BB-CC-DD-EE-01";
      long mb = 1_000_000;
      assertThat(account(h, h.accountingRecord(START, id, mac, 0, 0, 0, 0))).isPresent();
      assertThat(account(h, h.accountingRecord(INTERIM, id, mac, 100 * mb, 0, 300, 0))).isPresent();
      assertThat(account(h, h.accountingRecord(STOP, id, mac, 200 * mb, 0, 600, 0))).isPresent();
      // The response was lost: the NAS resends with a new identifier and Acct-Delay-Time, then a
      // late Interim arrives.
      assertThat(account(h, h.accountingRecord(STOP, id, mac, 200 * mb, 0, 600, 5))).isPresent();
      assertThat(account(h, h.accountingRecord(INTERIM, id, mac, 150 * mb, 0, 450, 0))).isPresent();

      assertThat(h.stores.userBytesUsed(RadiusHarness.VILLAGE, "siti")).isEqualTo(200 * mb);
      assertThat(h.stores.sessions().find("mikrotik-yes/" + id))
          .as("the late Interim does not bring the session back")
          .isEmpty();
    }
  }

  @Test
  void accountingWithoutAcctSessionIdIsRefusedAndCounted() throws Exception {
    try (RadiusHarness h = harness();
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      byte[] record = h.accountingRecord(INTERIM, null, "AA-BB-CC-DD-EE-01", 5_000, 0, 60, 0);

      assertThat(RadiusHarness.exchange(socket, record, h.server.acctPort(), SILENCE)).isEmpty();
      assertThat(h.server.metrics().drops(DropReason.MISSING_SESSION_ID)).isEqualTo(1);
      assertThat(h.stores.userBytesUsed(RadiusHarness.VILLAGE, "siti")).isZero();
    }
  }
}
