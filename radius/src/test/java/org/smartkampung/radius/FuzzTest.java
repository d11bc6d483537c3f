package org.smartkampung.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.smartkampung.radius.server.RadiusMetrics.DropReason;
import org.smartkampung.radius.testing.RadiusHarness;

/**
 * Sends 120,000 random and mutated datagrams to both ports over loopback, then checks that the
 * server still answers a valid request correctly and counted what it dropped.
 */
class FuzzTest {

  private static final int PACKETS = 120_000;

  @Test
  void randomAndMutatedPacketsAreDroppedAndTheServerStillAnswers() throws Exception {
    Random random = new Random(20260311L); // fixed seed: a failure can be replayed
    try (RadiusHarness h = new RadiusHarness();
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      List<byte[]> seeds =
          List.of(
              h.papRequest("siti", "sandi123", "AA-BB-CC-DD-EE-01", true),
              h.papRequest("siti", "sandi123", null, false),
              h.request(12, List.of(), true),
              h.request(
                  4,
                  List.of(
                      h.attributes.unsigned("Acct-Status-Type", 3),
                      h.attributes.text("Acct-Session-Id", "fz"),
                      h.attributes.text("Class", "kampung:kemiren:siti")),
                  false));
      InetAddress loopback = InetAddress.getLoopbackAddress();
      for (int i = 0; i < PACKETS; i++) {
        byte[] packet =
            i % 4 == 0 ? randomBytes(random) : mutate(seeds.get(i % seeds.size()), random);
        int port = random.nextBoolean() ? h.server.authPort() : h.server.acctPort();
        socket.send(new DatagramPacket(packet, packet.length, loopback, port));
        if (i % 2000 == 0) {
          Thread.onSpinWait(); // keep some pacing without sleeping
        }
      }
      RadiusMetricsSnapshot before = RadiusMetricsSnapshot.of(h);
      assertThat(before.malformed()).isPositive();
      assertThat(before.badAuthenticators()).isPositive();

      byte[] valid = h.papRequest("siti", "sandi123", null, true);
      AtomicReference<byte[]> answer = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                Optional<byte[]> reply =
                    h.exchange(valid, h.server.authPort(), Duration.ofSeconds(1));
                reply.ifPresent(answer::set);
                return reply.isPresent();
              });
      assertThat(answer.get()[0]).isEqualTo((byte) 2);
      assertThat(RadiusHarness.replyValid(answer.get(), valid)).isTrue();
      assertThat(h.server.metrics().drops(DropReason.HANDLER_ERROR)).isZero();
    }
  }

  private record RadiusMetricsSnapshot(double malformed, double badAuthenticators) {
    static RadiusMetricsSnapshot of(RadiusHarness h) {
      var m = h.server.metrics();
      return new RadiusMetricsSnapshot(
          m.drops(DropReason.MALFORMED),
          m.drops(DropReason.BAD_AUTHENTICATOR)
              + m.drops(DropReason.BAD_MESSAGE_AUTHENTICATOR)
              + m.drops(DropReason.MISSING_MESSAGE_AUTHENTICATOR));
    }
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(random.nextInt(10) == 0 ? 5000 : 120)];
    random.nextBytes(bytes);
    if (bytes.length >= 4 && random.nextBoolean()) {
      bytes[0] = (byte) (1 + random.nextInt(12)); // plausible code
      bytes[2] = (byte) (bytes.length >> 8); // and a length field that agrees
      bytes[3] = (byte) bytes.length;
    }
    return bytes;
  }

  private static byte[] mutate(byte[] seed, Random random) {
    byte[] packet = seed.clone();
    switch (random.nextInt(6)) {
      case 0 -> packet[random.nextInt(packet.length)] ^= (byte) (1 << random.nextInt(8));
      case 1 -> packet = java.util.Arrays.copyOf(packet, random.nextInt(packet.length));
      case 2 -> packet[3] = (byte) random.nextInt(256); // length field disagrees
      case 3 -> { // an attribute length below 2 or past the end
        if (packet.length > 21) {
          packet[21] = (byte) (random.nextBoolean() ? random.nextInt(2) : 200 + random.nextInt(56));
        }
      }
      case 4 -> packet[0] = (byte) random.nextInt(256); // unknown or misplaced code
      default -> {
        for (int k = 0; k < 1 + random.nextInt(8); k++) {
          packet[20 + random.nextInt(packet.length - 20)] = (byte) random.nextInt(256);
        }
      }
    }
    return packet;
  }
}
