package org.smartkampung.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.config.LoginThrottleSettings;
import org.smartkampung.core.config.PasswordCheckSettings;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.PasswordVerifier;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.radius.server.RadiusMetrics.DropReason;
import org.smartkampung.radius.testing.RadiusHarness;

/**
 * Slow work never shares a lane with fast work: subscriber password hashes run on their own bounded
 * lane, so a login storm that fills it leaves vouchers, accounting and Status-Server answered, and
 * what overflows the lane is dropped and counted for the hotspot to retransmit.
 */
class PasswordLaneTest {

  private static final Duration WAIT = Duration.ofSeconds(3);

  @Test
  void voucherLoginAndAccountingAreAnsweredWhileTheSlowPasswordLaneIsFull() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger hashing = new AtomicInteger();
    PasswordVerifier stuck =
        (password, hash) -> {
          hashing.incrementAndGet();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return PasswordHasher.verify(password, hash);
        };
    RadiusSettings radius =
        new RadiusSettings(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new PasswordCheckSettings(1, 2, null, null, null),
            new LoginThrottleSettings(1000, 1000, 60));
    // More subscriber logins than every worker thread and the lane's thread and queue together.
    int logins = 2 * Runtime.getRuntime().availableProcessors() + 12;
    List<DatagramSocket> nases = new ArrayList<>();
    try (RadiusHarness h = new RadiusHarness(null, radius, stuck)) {
      addVoucher(h, "KMRLANE1");
      for (int i = 0; i < logins; i++) {
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        nases.add(socket);
        byte[] login = h.papRequest("siti", "sandi123", mac(i), true);
        socket.send(
            new DatagramPacket(
                login, login.length, InetAddress.getLoopbackAddress(), h.server.authPort()));
      }
      await()
          .atMost(WAIT)
          .until(
              () ->
                  h.server.metrics().drops(DropReason.PASSWORD_LANE_FULL) == logins - 3
                      && hashing.get() == 1);

      byte[] voucher = h.papRequest("KMRLANE1", "KMRLANE1", "AA-BB-CC-00-00-01", true);
      byte[] voucherReply = h.exchange(voucher, h.server.authPort(), WAIT).orElseThrow();
      byte[] start = h.accountingRequest(1, "lane-1", 0, 0, 0, 0);
      byte[] startReply = h.exchange(start, h.server.acctPort(), WAIT).orElseThrow();
      byte[] status = h.request(12, List.of(), true);
      byte[] statusReply = h.exchange(status, h.server.authPort(), WAIT).orElseThrow();

      assertThat(voucherReply[0]).as("Access-Accept for the voucher").isEqualTo((byte) 2);
      assertThat(startReply[0]).as("Accounting-Response").isEqualTo((byte) 5);
      assertThat(statusReply[0]).as("Status-Server answered").isEqualTo((byte) 2);
      assertThat(hashing.get()).as("one hash at a time on a one-thread lane").isEqualTo(1);
      assertThat(h.registry.get("kampung.radius.password.queue").gauge().value()).isEqualTo(2);

      release.countDown();
      int accepted = 0;
      for (DatagramSocket socket : nases) {
        if (RadiusHarness.exchangeReply(socket, Duration.ofMillis(300)).isPresent()) {
          accepted++;
        }
      }
      assertThat(accepted).as("the running check and the two queued ones").isEqualTo(3);
    } finally {
      release.countDown();
      nases.forEach(DatagramSocket::close);
    }
  }

  private static String mac(int i) {
    return String.format(Locale.ROOT, "AA-BB-CC-DD-%02X-%02X", i / 256, i % 256);
  }

  private static void addVoucher(RadiusHarness h, String code) {
    Instant now = Instant.now();
    h.stores
        .vouchers()
        .createAll(
            List.of(
                new Voucher(
                    code,
                    RadiusHarness.VILLAGE,
                    "lane",
                    now,
                    now.plus(Duration.ofDays(1)),
                    Long.MAX_VALUE,
                    0,
                    1,
                    VoucherStatus.UNUSED,
                    null,
                    "")));
  }
}
