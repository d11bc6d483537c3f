package org.smartkampung.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.radius.server.RadiusMetrics.DropReason;
import org.smartkampung.radius.testing.RadSecFixture;
import org.smartkampung.radius.testing.RadSecFixture.Client;
import org.smartkampung.radius.testing.RadiusHarness;

/**
 * 100,000 mutated frames on RadSec TLS streams of a known hotspot: bodies bit-flipped, attributes
 * broken, codes misplaced, and now and then a length field that no longer frames the stream (the
 * server closes that connection; the fuzzer opens another). Afterwards the server still answers.
 */
class RadSecFuzzTest {

  private static final int FRAMES = 100_000;

  @TempDir Path dir;

  @Test
  void mutatedFramesAreDroppedOrCloseTheirConnectionAndTheServerStillAnswers() throws Exception {
    Random random = new Random(20261203L); // fixed seed: a failure can be replayed
    RadSecFixture pki = new RadSecFixture(dir);
    pki.issue("balai");
    try (RadiusHarness h =
        new RadiusHarness(
            List.of(RadSecFixture.hotspot("balai", null, "CN=balai")), pki.settings(64, 120))) {
      int port = h.server.radSecPort();
      List<byte[]> seeds =
          List.of(
              RadSecFixture.pap(h.attributes, 1, "siti", "sandi123"),
              RadSecFixture.statusServer(2),
              PacketCodec.encodeRequest(
                  4,
                  3,
                  List.of(
                      h.attributes.unsigned("Acct-Status-Type", 3),
                      h.attributes.text("Acct-Session-Id", "fz"),
                      h.attributes.text("Class", "kampung:kemiren:siti")),
                  RadSecFixture.SECRET,
                  false));
      int connections = 0;
      int sent = 0;
      while (sent < FRAMES) {
        connections++;
        try (Client client = pki.connect("balai", "127.0.0.1", port)) {
          Thread drain = drainer(client);
          while (sent < FRAMES) {
            byte[] frame = mutate(seeds.get(sent % seeds.size()), random);
            sent++;
            client.send(frame);
          }
          drain.interrupt();
        } catch (IOException closedByServer) {
          // a frame broke the framing: the server closed this stream; go on with a new one
        }
      }
      assertThat(connections).isGreaterThan(1);
      assertThat(h.server.metrics().drops(DropReason.MALFORMED)).isPositive();

      byte[] valid = RadSecFixture.pap(h.attributes, 9, "siti", "sandi123");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                try (Client client = pki.connect("balai", "127.0.0.1", port)) {
                  assertThat(client.exchange(valid).orElseThrow()[0]).isEqualTo((byte) 2);
                }
              });
      assertThat(h.server.metrics().drops(DropReason.HANDLER_ERROR)).isZero();
    }
  }

  /** Reads and discards the server's answers, so the stream never stalls on a full window. */
  private static Thread drainer(Client client) {
    Thread t =
        new Thread(
            () -> {
              try {
                InputStream in = client.input();
                byte[] buffer = new byte[4096];
                while (in.read(buffer) >= 0) {
                  // discard
                }
              } catch (IOException e) {
                // closed
              }
            },
            "radsec-fuzz-drain");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static byte[] mutate(byte[] seed, Random random) {
    byte[] packet = seed.clone();
    int choice = random.nextInt(1000);
    if (choice < 5) { // a length field that no longer frames the stream
      packet[2] = (byte) random.nextInt(256);
      packet[3] = (byte) random.nextInt(256);
      return packet;
    }
    if (choice < 10) { // garbage shorter than its header says
      return Arrays.copyOf(packet, 2 + random.nextInt(packet.length - 2));
    }
    switch (random.nextInt(5)) {
      case 0 -> packet[4 + random.nextInt(packet.length - 4)] ^= (byte) (1 << random.nextInt(8));
      case 1 -> { // an attribute length below 2 or past the end
        packet[21] = (byte) (random.nextBoolean() ? random.nextInt(2) : 200 + random.nextInt(56));
      }
      case 2 -> packet[0] = (byte) random.nextInt(256); // unknown or misplaced code
      case 3 -> { // random bytes of the same length behind a plausible header
        byte[] body = new byte[packet.length - 4];
        random.nextBytes(body);
        System.arraycopy(body, 0, packet, 4, body.length);
      }
      default -> {
        for (int k = 0; k < 1 + random.nextInt(8); k++) {
          packet[20 + random.nextInt(packet.length - 20)] = (byte) random.nextInt(256);
        }
      }
    }
    return packet;
  }
}
