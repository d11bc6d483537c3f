package org.smartkampung.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.subscriber.PasswordVerifier;
import org.smartkampung.radius.pki.RadSecPki;
import org.smartkampung.radius.server.RadiusMetrics;
import org.smartkampung.radius.server.RadiusMetrics.Refusal;
import org.smartkampung.radius.server.Transport;
import org.smartkampung.radius.testing.ExternalTool;
import org.smartkampung.radius.testing.RadSecFixture;
import org.smartkampung.radius.testing.RadSecFixture.Client;
import org.smartkampung.radius.testing.RadiusHarness;
import org.smartkampung.radius.testing.TestCrypto;

/** The RadSec listener (RFC 6614) with a plain JDK TLS client: answers, identity, refusals. */
class RadSecTest {

  @TempDir Path dir;

  private RadiusHarness harness(RadSecFixture pki, List<NasClientSettings> hotspots) {
    return new RadiusHarness(hotspots, pki.settings(64, 120));
  }

  private static boolean validReply(byte[] reply, byte[] request) {
    byte[] auth = java.util.Arrays.copyOfRange(request, 4, 20);
    return reply[1] == request[1]
        && TestCrypto.authenticatorIs(reply, auth, "radsec")
        && TestCrypto.messageAuthenticatorValid(reply, auth, "radsec");
  }

  @Test
  void aHotspotKnownByItsCertificateLogsInAndIsCountedAsRadSec() throws Exception {
    RadSecFixture pki = new RadSecFixture(dir);
    String fingerprint = pki.issue("balai").sha256Fingerprint();
    pki.issue("pos-ronda");
    try (RadiusHarness h =
        harness(
            pki,
            List.of(
                RadSecFixture.hotspot("balai", null, "sha256:" + fingerprint),
                RadSecFixture.hotspot("pos-ronda", null, "CN=pos-ronda")))) {
      assertThat(h.server.radSecPort()).isPositive();
      try (Client balai = pki.connect("balai", "127.0.0.1", h.server.radSecPort());
          Client ronda = pki.connect("pos-ronda", "127.0.0.1", h.server.radSecPort())) {
        byte[] accessRequest = RadSecFixture.pap(h.attributes, 3, "siti", "sandi123");
        byte[] accept = balai.exchange(accessRequest).orElseThrow();
        assertThat(accept[0]).isEqualTo((byte) 2);
        assertThat(validReply(accept, accessRequest)).isTrue();

        byte[] wrong = RadSecFixture.pap(h.attributes, 4, "siti", "keliru");
        assertThat(ronda.exchange(wrong).orElseThrow()[0]).isEqualTo((byte) 3);

        byte[] status = RadSecFixture.statusServer(5);
        byte[] alive = ronda.exchange(status).orElseThrow();
        assertThat(alive[0]).isEqualTo((byte) 2);
        assertThat(validReply(alive, status)).isTrue();

        await()
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(
                () -> {
                  assertThat(
                          h.server.metrics().requests("access_request", "accept", Transport.RADSEC))
                      .isEqualTo(1);
                  assertThat(
                          h.server.metrics().requests("access_request", "reject", Transport.RADSEC))
                      .isEqualTo(1);
                });
        assertThat(h.server.metrics().requests("access_request", "accept", Transport.UDP)).isZero();
        assertThat(h.server.radSecConnections().list())
            .extracting(c -> c.hotspot())
            .containsExactly("balai", "pos-ronda");
      }
    }
  }

  @Test
  void accountingOverRadSecChargesTheHotspotsSession() throws Exception {
    RadSecFixture pki = new RadSecFixture(dir);
    pki.issue("balai");
    try (RadiusHarness h = harness(pki, List.of(RadSecFixture.hotspot("balai", null, "CN=balai")));
        Client balai = pki.connect("balai", "127.0.0.1", h.server.radSecPort())) {
      List<org.tinyradius.attribute.RadiusAttribute> attrs =
          List.of(
              h.attributes.unsigned("Acct-Status-Type", 3),
              h.attributes.text("Acct-Session-Id", "rs-1"),
              h.attributes.text("User-Name", "siti"),
              h.attributes.text("Class", "kampung:kemiren:siti"),
              h.attributes.text("Calling-Station-Id", "AA-BB-CC-DD-EE-08"),
              h.attributes.unsigned("Acct-Output-Octets", 1000),
              h.attributes.unsigned("Acct-Input-Octets", 200));
      byte[] interim = PacketCodec.encodeRequest(4, 9, attrs, RadSecFixture.SECRET, false);
      byte[] response = balai.exchange(interim).orElseThrow();
      assertThat(response[0]).isEqualTo((byte) 5);
      assertThat(h.stores.userBytesUsed("kemiren", "siti")).isEqualTo(1200);
      assertThat(h.stores.sessions().find("balai/rs-1")).isPresent();
    }
  }

  @Test
  void unknownRevokedMisplacedOldAndPlainClientsAreRefusedAndCounted() throws Exception {
    RadSecFixture pki = new RadSecFixture(dir);
    pki.issue("balai");
    pki.issue("pasar");
    pki.issue("tak-dikenal");
    pki.issue("dicabut");
    RadSecPki otherCa = new RadSecPki(dir.resolve("other"), Clock.systemUTC());
    otherCa.init("Lain", List.of("127.0.0.1"));
    otherCa.issue("balai");
    try (RadiusHarness h =
        harness(
            pki,
            List.of(
                RadSecFixture.hotspot("balai", "127.0.0.1", "CN=balai"),
                RadSecFixture.hotspot("pasar", "127.0.0.2", "CN=pasar"),
                RadSecFixture.hotspot("dicabut", null, "CN=dicabut")))) {
      int port = h.server.radSecPort();
      RadiusMetrics metrics = h.server.metrics();

      // Accepted as they are: the refusals below are about the certificate, not the setup.
      try (Client pasar = pki.connect("pasar", "127.0.0.2", port);
          Client dicabut = pki.connect("dicabut", "127.0.0.1", port)) {
        assertThat(pasar.exchange(RadSecFixture.statusServer(1))).isPresent();
        assertThat(dicabut.exchange(RadSecFixture.statusServer(1))).isPresent();
      }

      // A certificate our CA issued to a name no hotspot has.
      try (Client unknown = pki.connect("tak-dikenal", "127.0.0.1", port)) {
        assertThat(unknown.closedByServer(5000)).isTrue();
      }
      // A certificate of another CA with a hotspot's name: the handshake fails.
      Throwable foreignOutcome =
          catchThrowable(
              () -> {
                try (Client foreign =
                    pki.connect(otherCa, "balai", "127.0.0.1", port, new String[] {"TLSv1.2"})) {
                  assertThat(foreign.exchange(RadSecFixture.statusServer(2))).isEmpty();
                }
              });
      // Refused at the handshake (an exception) or unanswered; never answered.
      assertThat(foreignOutcome).isNotInstanceOf(AssertionError.class);
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(metrics.refusals(Refusal.UNKNOWN_CERT)).isEqualTo(2));

      // balai's certificate presented from pasar's address.
      try (Client impostor = pki.connect("balai", "127.0.0.2", port)) {
        assertThat(impostor.closedByServer(5000)).isTrue();
      }
      assertThat(metrics.refusals(Refusal.WRONG_HOTSPOT)).isEqualTo(1);

      // Revoked after it was issued and used: refused at its next connection, without a restart.
      pki.pki.revoke("dicabut");
      try (Client revoked = pki.connect("dicabut", "127.0.0.1", port)) {
        assertThat(revoked.closedByServer(5000)).isTrue();
      }
      assertThat(metrics.refusals(Refusal.REVOKED_CERT)).isEqualTo(1);

      // Plain RADIUS on the TLS port.
      try (Socket plain = new Socket("127.0.0.1", port)) {
        OutputStream out = plain.getOutputStream();
        out.write(RadSecFixture.statusServer(3));
        out.flush();
        plain.setSoTimeout(5000);
        assertThat(plain.getInputStream().read()).isNotEqualTo(2); // no RADIUS answer
      }
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(metrics.refusals(Refusal.PLAIN_TCP)).isEqualTo(1));

      // TLS 1.1 (openssl lets a client offer it at security level 0).
      ExternalTool.require("openssl", Path.of("/usr/bin/openssl"));
      for (String old : List.of("-tls1_1", "-tls1")) {
        ExternalTool.run(
            List.of(
                "/usr/bin/openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + port,
                old,
                "-cipher",
                "DEFAULT@SECLEVEL=0",
                "-cert",
                pki.pki.hotspotCertificate("balai").toString(),
                "-key",
                pki.pki.hotspotKey("balai").toString()),
            "");
      }
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(metrics.refusals(Refusal.OLD_TLS)).isEqualTo(2));

      // After all that, a good hotspot is still answered.
      try (Client balai = pki.connect("balai", "127.0.0.1", port)) {
        Optional<byte[]> alive = balai.exchange(RadSecFixture.statusServer(4));
        assertThat(alive).isPresent();
      }
    }
  }

  @Test
  void aConnectionAtItsInFlightLimitIsNotReadUntilAnAnswerGoesOut() throws Exception {
    RadSecFixture pki = new RadSecFixture(dir);
    pki.issue("balai");
    CountDownLatch release = new CountDownLatch(1);
    PasswordVerifier held =
        (password, hash) -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return PasswordVerifier.PBKDF2.verify(password, hash);
        };
    try (RadiusHarness h =
            RadiusHarness.withHotspots(
                List.of(RadSecFixture.hotspot("balai", null, "CN=balai")),
                RadiusSettings.DEFAULTS.withRadSec(pki.settings(1, 120)),
                held);
        Client balai = pki.connect("balai", "127.0.0.1", h.server.radSecPort())) {
      byte[] login = RadSecFixture.pap(h.attributes, 1, "siti", "sandi123");
      byte[] status = RadSecFixture.statusServer(2);
      byte[] both = new byte[login.length + status.length];
      System.arraycopy(login, 0, both, 0, login.length);
      System.arraycopy(status, 0, both, login.length, status.length);
      balai.send(both);

      // One in flight (the held login): the Status-Server behind it waits, unanswered.
      assertThat(balai.receive(1000)).isEmpty();
      release.countDown();
      assertThat(balai.receive(5000).orElseThrow()[1]).as("the login first").isEqualTo((byte) 1);
      assertThat(balai.receive(5000).orElseThrow()[1])
          .as("then the Status-Server")
          .isEqualTo((byte) 2);
    }
  }

  @Test
  void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    RadSecFixture pki = new RadSecFixture(dir);
    pki.issue("balai");
    try (RadiusHarness h =
            new RadiusHarness(
                List.of(RadSecFixture.hotspot("balai", null, "CN=balai")), pki.settings(64, 3));
        Client balai = pki.connect("balai", "127.0.0.1", h.server.radSecPort())) {
      assertThat(balai.closedByServer(20_000)).isTrue();
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(h.server.radSecConnections().list()).isEmpty());
    }
  }
}
