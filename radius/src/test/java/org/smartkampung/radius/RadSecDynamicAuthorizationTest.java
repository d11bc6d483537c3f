package org.smartkampung.radius;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.radius.dac.DacResult;
import org.smartkampung.radius.testing.RadSecFixture;
import org.smartkampung.radius.testing.RadSecFixture.Client;
import org.smartkampung.radius.testing.RadiusHarness;
import org.smartkampung.radius.testing.TestCrypto;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * A kick reaches a hotspot behind NAT over its own RadSec connection: the Disconnect-Request is a
 * server-initiated request on that TLS connection, and its answer is matched there.
 */
class RadSecDynamicAuthorizationTest {

  @TempDir Path dir;

  private static byte[] start(RadiusHarness h, String session) {
    List<RadiusAttribute> attrs =
        List.of(
            h.attributes.unsigned("Acct-Status-Type", 1),
            h.attributes.text("Acct-Session-Id", session),
            h.attributes.text("User-Name", "siti"),
            h.attributes.text("Class", "kampung:kemiren:siti"),
            h.attributes.text("Calling-Station-Id", "AA-BB-CC-DD-EE-0A"));
    return PacketCodec.encodeRequest(4, 11, attrs, RadSecFixture.SECRET, false);
  }

  @Test
  void aKickGoesOverTheHotspotsRadSecConnectionAndItsAckIsMatchedThere() throws Exception {
    RadSecFixture pki = new RadSecFixture(dir);
    pki.issue("balai");
    try (RadiusHarness h =
            new RadiusHarness(
                List.of(RadSecFixture.hotspot("balai", null, "CN=balai")), pki.settings(64, 120));
        Client balai = pki.connect("balai", "127.0.0.1", h.server.radSecPort())) {
      assertThat(balai.exchange(start(h, "rs-k")).orElseThrow()[0]).isEqualTo((byte) 5);

      CompletableFuture<DacResult> kick = h.server.dynamicAuthorization().kick("balai/rs-k");

      byte[] disconnect = balai.receive(5000).orElseThrow();
      assertThat(disconnect[0]).as("Disconnect-Request").isEqualTo((byte) 40);
      assertThat(TestCrypto.authenticatorIs(disconnect, new byte[16], "radsec"))
          .as("request authenticator under the secret radsec")
          .isTrue();
      assertThat(TestCrypto.stringAttribute(disconnect, 44)).isEqualTo("rs-k");

      // An answer with another identifier is not taken for it.
      byte[] auth = Arrays.copyOfRange(disconnect, 4, 20);
      balai.send(
          PacketCodec.encodeResponse(
              41, (disconnect[1] + 1) & 0xff, auth, List.of(), RadSecFixture.SECRET, true));
      balai.send(
          PacketCodec.encodeResponse(
              41, disconnect[1] & 0xff, auth, List.of(), RadSecFixture.SECRET, true));

      DacResult result = kick.get(10, TimeUnit.SECONDS);
      assertThat(result.outcome()).isEqualTo(DacResult.Outcome.ACK);
      assertThat(result.viaRadSec()).isTrue();
      assertThat(result.attempts()).isEqualTo(1);
    }
  }

  @Test
  void withoutAConnectionAndNoUdpAnswerTheKickSaysTheHotspotCannotBeReached() throws Exception {
    RadSecFixture pki = new RadSecFixture(dir);
    pki.issue("balai");
    try (RadiusHarness h =
        new RadiusHarness(
            List.of(RadSecFixture.hotspot("balai", "127.0.0.1", "CN=balai")),
            pki.settings(64, 120))) {
      try (Client balai = pki.connect("balai", "127.0.0.1", h.server.radSecPort())) {
        assertThat(balai.exchange(start(h, "rs-gone")).orElseThrow()[0]).isEqualTo((byte) 5);
      }
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(5))
          .until(() -> h.server.radSecConnections().list().isEmpty());

      DacResult result =
          h.server.dynamicAuthorization().kick("balai/rs-gone").get(30, TimeUnit.SECONDS);

      assertThat(result.outcome()).isEqualTo(DacResult.Outcome.TIMEOUT);
      assertThat(result.viaRadSec()).isFalse();
      assertThat(org.smartkampung.radius.dac.KickCommandWorker.detail(result))
          .contains("tidak tersambung lewat RadSec dan tidak menjawab di UDP")
          .contains("WireGuard");
    }
  }
}
