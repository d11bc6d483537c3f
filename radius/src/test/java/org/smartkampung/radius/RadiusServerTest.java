package org.smartkampung.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.smartkampung.radius.testing.RadiusHarness.hotspot;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.core.login.LoginMethod;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.session.KickRequest;
import org.smartkampung.core.session.KickResult;
import org.smartkampung.radius.dac.DacResult;
import org.smartkampung.radius.server.RadiusMetrics.DropReason;
import org.smartkampung.radius.testing.RadiusHarness;
import org.smartkampung.radius.testing.TestCrypto;
import org.smartkampung.radius.testing.TestNas;

class RadiusServerTest {

  private static final Duration WAIT = Duration.ofSeconds(3);
  private static final Duration SILENCE = Duration.ofMillis(700);

  @Test
  void subscriberWithRightPasswordIsAcceptedWithMessageAuthenticatorFirst() throws Exception {
    try (RadiusHarness h = new RadiusHarness()) {
      byte[] request = h.papRequest("siti", "sandi123", "AA-BB-CC-DD-EE-01", true);
      byte[] reply = h.exchange(request, h.server.authPort(), WAIT).orElseThrow();
      assertThat(reply[0]).isEqualTo((byte) 2);
      assertThat(RadiusHarness.replyValid(reply, request)).isTrue();
      assertThat(TestCrypto.stringAttribute(reply, 25)).isEqualTo("kampung:kemiren:siti");
    }
  }

  @Test
  void wrongPasswordIsRejectedWithReplyMessageInBahasa() throws Exception {
    try (RadiusHarness h = new RadiusHarness()) {
      byte[] request = h.papRequest("siti", "salah", null, true);
      byte[] reply = h.exchange(request, h.server.authPort(), WAIT).orElseThrow();
      assertThat(reply[0]).isEqualTo((byte) 3);
      assertThat(RadiusHarness.replyValid(reply, request)).isTrue();
      assertThat(TestCrypto.stringAttribute(reply, 18))
          .isEqualTo("Nama pengguna atau kata sandi salah.");
    }
  }

  @Test
  void accessRequestWithoutMessageAuthenticatorFromYesClientGetsNoAnswer() throws Exception {
    try (RadiusHarness h = new RadiusHarness()) {
      byte[] request = h.papRequest("siti", "sandi123", null, false);
      assertThat(h.exchange(request, h.server.authPort(), SILENCE)).isEmpty();
      assertThat(h.server.metrics().drops(DropReason.MISSING_MESSAGE_AUTHENTICATOR)).isEqualTo(1);
    }
  }

  @Test
  void autoClientIsHeldToMessageAuthenticatorOnceItSentOne() throws Exception {
    try (RadiusHarness h =
        new RadiusHarness(
            List.of(
                hotspot(
                    "chilli-auto",
                    "127.0.0.1",
                    NasType.COOVACHILLI,
                    MessageAuthenticatorPolicy.AUTO,
                    0)),
            OpeningHours.ALWAYS,
            Clock.systemUTC())) {
      byte[] before = h.papRequest("siti", "sandi123", null, false);
      assertThat(h.exchange(before, h.server.authPort(), WAIT).orElseThrow()[0])
          .isEqualTo((byte) 2);
      byte[] with = h.papRequest("siti", "sandi123", null, true);
      assertThat(h.exchange(with, h.server.authPort(), WAIT).orElseThrow()[0]).isEqualTo((byte) 2);
      byte[] after = h.papRequest("siti", "sandi123", null, false);
      assertThat(h.exchange(after, h.server.authPort(), SILENCE)).isEmpty();
      assertThat(h.stores.nasState().messageAuthenticatorSeen("chilli-auto")).isTrue();
    }
  }

  @Test
  void badMessageAuthenticatorIsDroppedAndCounted() throws Exception {
    try (RadiusHarness h = new RadiusHarness()) {
      byte[] request = h.papRequest("siti", "sandi123", null, true);
      request[TestCrypto.attributeOffset(request, 80) + 5] ^= 1;
      assertThat(h.exchange(request, h.server.authPort(), SILENCE)).isEmpty();
      assertThat(h.server.metrics().drops(DropReason.BAD_MESSAGE_AUTHENTICATOR)).isEqualTo(1);
    }
  }

  @Test
  void unknownSourceAddressIsDroppedWithoutReply() throws Exception {
    try (RadiusHarness h = new RadiusHarness();
        DatagramSocket other = new DatagramSocket(0, InetAddress.getByName("127.0.0.2"))) {
      byte[] request = h.papRequest("siti", "sandi123", null, true);
      assertThat(RadiusHarness.exchange(other, request, h.server.authPort(), SILENCE)).isEmpty();
      assertThat(h.server.metrics().drops(DropReason.UNKNOWN_CLIENT)).isEqualTo(1);
    }
  }

  @Test
  void loginTokenWorksOnceByChap() throws Exception {
    try (RadiusHarness h = new RadiusHarness()) {
      h.stores
          .loginTokens()
          .mint(
              new LoginToken(
                  "t-8f2a",
                  "s3cr3t",
                  "kemiren",
                  "warga-17",
                  LoginMethod.CLICK_THROUGH,
                  "aa:bb:cc:dd:ee:01",
                  "mikrotik-yes",
                  Instant.now().plusSeconds(120)));
      byte[] first = chapRequest(h, "t-8f2a", "s3cr3t");
      byte[] accept = h.exchange(first, h.server.authPort(), WAIT).orElseThrow();
      assertThat(accept[0]).isEqualTo((byte) 2);
      assertThat(TestCrypto.stringAttribute(accept, 25))
          .isEqualTo("kampung:kemiren:gratis-aa:bb:cc:dd:ee:01");
      byte[] again = chapRequest(h, "t-8f2a", "s3cr3t");
      assertThat(h.exchange(again, h.server.authPort(), WAIT).orElseThrow()[0]).isEqualTo((byte) 3);
    }
  }

  @Test
  void retransmitGetsTheCachedReplyAndRunsOnce() throws Exception {
    try (RadiusHarness h = new RadiusHarness();
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      h.stores
          .loginTokens()
          .mint(
              new LoginToken(
                  "t-dup",
                  "pw",
                  "kemiren",
                  "warga-1",
                  LoginMethod.CLICK_THROUGH,
                  "aa:bb:cc:dd:ee:01",
                  "mikrotik-yes",
                  Instant.now().plusSeconds(120)));
      byte[] request = h.papRequest("t-dup", "pw", "AA-BB-CC-DD-EE-01", true);
      byte[] first =
          RadiusHarness.exchange(socket, request, h.server.authPort(), WAIT).orElseThrow();
      byte[] second =
          RadiusHarness.exchange(socket, request, h.server.authPort(), WAIT).orElseThrow();
      assertThat(first[0]).isEqualTo((byte) 2);
      assertThat(second).isEqualTo(first);
      assertThat(h.stores.tokenConsumes.get()).isEqualTo(1);
      assertThat(h.server.metrics().drops(DropReason.DUPLICATE)).isEqualTo(1);
    }
  }

  @Test
  void aNasReusingAnIdentifierGetsTheNewRequestAnsweredAndItsRetransmitFromTheCache()
      throws Exception {
    try (RadiusHarness h = new RadiusHarness();
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      for (String token : List.of("t-id-a", "t-id-b")) {
        h.stores
            .loginTokens()
            .mint(
                new LoginToken(
                    token,
                    "pw",
                    "kemiren",
                    "warga-" + token,
                    LoginMethod.CLICK_THROUGH,
                    "aa:bb:cc:dd:ee:01",
                    "mikrotik-yes",
                    Instant.now().plusSeconds(120)));
      }
      // Both with identifier 7 from the same socket, as a NAS reuses identifiers once answered.
      byte[] a = h.papRequest("t-id-a", "pw", "AA-BB-CC-DD-EE-01", true);
      byte[] b = h.papRequest("t-id-b", "pw", "AA-BB-CC-DD-EE-01", true);
      assertThat(b[1]).isEqualTo(a[1]);

      byte[] first = RadiusHarness.exchange(socket, a, h.server.authPort(), WAIT).orElseThrow();
      byte[] second = RadiusHarness.exchange(socket, b, h.server.authPort(), WAIT).orElseThrow();
      byte[] again = RadiusHarness.exchange(socket, b, h.server.authPort(), WAIT).orElseThrow();

      assertThat(first[0]).isEqualTo((byte) 2);
      assertThat(second[0]).as("a new request, not a retransmit").isEqualTo((byte) 2);
      assertThat(RadiusHarness.replyValid(second, b)).isTrue();
      assertThat(again).isEqualTo(second);
      assertThat(h.stores.tokenConsumes.get()).isEqualTo(2);
      assertThat(h.server.metrics().drops(DropReason.DUPLICATE)).isEqualTo(1);
    }
  }

  @Test
  void statusServerIsAnsweredOnBothPorts() throws Exception {
    try (RadiusHarness h = new RadiusHarness()) {
      byte[] request = h.request(12, List.of(), true);
      byte[] auth = h.exchange(request, h.server.authPort(), WAIT).orElseThrow();
      assertThat(auth[0]).isEqualTo((byte) 2);
      assertThat(RadiusHarness.replyValid(auth, request)).isTrue();
      byte[] acctRequest = h.request(12, List.of(), true);
      byte[] acct = h.exchange(acctRequest, h.server.acctPort(), WAIT).orElseThrow();
      assertThat(acct[0]).isEqualTo((byte) 5);
      assertThat(RadiusHarness.replyValid(acct, acctRequest)).isTrue();
    }
  }

  @Test
  void accountingChargesDeltasWithGigawordsAndRetransmitChargesNothing() throws Exception {
    try (RadiusHarness h = new RadiusHarness();
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      assertThat(acct(h, socket, 1, "s1", 0, 0, 0, 0)).isPresent();
      byte[] interim = h.accountingRequest(3, "s1", 1000, 1, 500, 0);
      assertThat(RadiusHarness.exchange(socket, interim, h.server.acctPort(), WAIT)).isPresent();
      assertThat(RadiusHarness.exchange(socket, interim, h.server.acctPort(), WAIT)).isPresent();
      long download = (1L << 32) + 1000;
      assertThat(h.stores.userBytesUsed("kemiren", "siti")).isEqualTo(download + 500);
      assertThat(h.stores.accountCalls.get()).isEqualTo(2);
      assertThat(acct(h, socket, 2, "s1", 2000, 1, 700, 0)).isPresent();
      assertThat(h.stores.userBytesUsed("kemiren", "siti")).isEqualTo(download + 1000 + 700);
      assertThat(h.stores.sessions().find("mikrotik-yes/s1")).isEmpty();
    }
  }

  @Test
  void accountingIsNotAnsweredUntilTheLedgerHasTheCharge() throws Exception {
    try (RadiusHarness h = new RadiusHarness();
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      h.stores.ledgerDown.set(true);
      byte[] start = h.accountingRequest(1, "s2", 0, 0, 0, 0);
      assertThat(RadiusHarness.exchange(socket, start, h.server.acctPort(), SILENCE)).isEmpty();
      h.stores.ledgerDown.set(false);
      assertThat(RadiusHarness.exchange(socket, start, h.server.acctPort(), WAIT)).isPresent();
      assertThat(h.server.metrics().drops(DropReason.STORE_UNAVAILABLE)).isEqualTo(1);
    }
  }

  @Test
  void accountingOnClosesTheNasSessions() throws Exception {
    try (RadiusHarness h = new RadiusHarness();
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      acct(h, socket, 1, "a", 0, 0, 0, 0);
      acct(h, socket, 1, "b", 0, 0, 0, 0);
      assertThat(h.stores.sessions().listByNas("mikrotik-yes")).hasSize(2);
      byte[] on = h.request(4, List.of(h.attributes.unsigned("Acct-Status-Type", 7)), false);
      assertThat(RadiusHarness.exchange(socket, on, h.server.acctPort(), WAIT)).isPresent();
      assertThat(h.stores.sessions().listByNas("mikrotik-yes")).isEmpty();
    }
  }

  @Test
  void interimThatTakesTheVillageOverQuotaSendsDisconnectToTheNas() throws Exception {
    try (TestNas nas = new TestNas(RadiusHarness.SECRET);
        RadiusHarness h =
            new RadiusHarness(
                List.of(
                    hotspot(
                        "mikrotik-yes",
                        "127.0.0.1",
                        NasType.MIKROTIK,
                        MessageAuthenticatorPolicy.YES,
                        nas.port())),
                // The village may use 1 GB a day.
                RadiusHarness.standard(OpeningHours.ALWAYS, 1L));
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      acct(h, socket, 1, "s9", 0, 0, 0, 0);
      assertThat(nas.received()).isEmpty();
      acct(h, socket, 3, "s9", 900_000_000, 0, 200_000_000, 0);
      await().atMost(WAIT).until(() -> !nas.received().isEmpty());
      TestNas.Received disconnect = nas.received().get(0);
      assertThat(disconnect.code()).isEqualTo(40);
      assertThat(disconnect.authenticatorValid()).isTrue();
      assertThat(disconnect.messageAuthenticatorValid()).isTrue();
      assertThat(disconnect.attribute(44)).isEqualTo("s9");
      // Identified by Acct-Session-Id and the MAC in RouterOS's form; no User-Name (see
      // DacRequests).
      assertThat(disconnect.attribute(1)).isNull();
      assertThat(disconnect.attribute(31)).isEqualTo("AA:BB:CC:DD:EE:01");
      await().atMost(WAIT).until(() -> !h.server.dynamicAuthorization().recentResults().isEmpty());
      assertThat(h.server.dynamicAuthorization().recentResults().get(0).outcome())
          .isEqualTo(DacResult.Outcome.ACK);
    }
  }

  @Test
  void kickRetransmitsUntilTheNasAnswersAndReportsTheResult() throws Exception {
    try (TestNas nas = new TestNas(RadiusHarness.SECRET);
        RadiusHarness h =
            new RadiusHarness(
                List.of(
                    hotspot(
                        "mikrotik-yes",
                        "127.0.0.1",
                        NasType.MIKROTIK,
                        MessageAuthenticatorPolicy.YES,
                        nas.port())),
                OpeningHours.ALWAYS,
                Clock.systemUTC());
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      acct(h, socket, 1, "k1", 0, 0, 0, 0);
      nas.ignoreNext(1);
      DacResult result =
          h.server
              .dynamicAuthorization()
              .kick("mikrotik-yes/k1")
              .get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(result.outcome()).isEqualTo(DacResult.Outcome.ACK);
      assertThat(result.attempts()).isEqualTo(2);
      assertThat(nas.received()).hasSize(2);
      assertThat(nas.received().get(1).bytes()).isEqualTo(nas.received().get(0).bytes());
      DacResult unknown =
          h.server
              .dynamicAuthorization()
              .kick("mikrotik-yes/none")
              .get(1, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(unknown.outcome()).isEqualTo(DacResult.Outcome.UNKNOWN_SESSION);
    }
  }

  @Test
  void kickQueuedByTheAdminConsoleIsCarriedOutAndItsResultRecorded() throws Exception {
    try (TestNas nas = new TestNas(RadiusHarness.SECRET);
        RadiusHarness h =
            new RadiusHarness(
                List.of(
                    hotspot(
                        "mikrotik-yes",
                        "127.0.0.1",
                        NasType.MIKROTIK,
                        MessageAuthenticatorPolicy.YES,
                        nas.port())),
                OpeningHours.ALWAYS,
                Clock.systemUTC());
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      acct(h, socket, 1, "c1", 0, 0, 0, 0);
      KickRequest request = h.stores.sessionCommands().requestKick("mikrotik-yes/c1", "admin-desa");
      await().atMost(WAIT).until(() -> h.stores.sessionCommands().result(request.id()).isPresent());
      assertThat(h.stores.sessionCommands().result(request.id()).orElseThrow().outcome())
          .isEqualTo(KickResult.Outcome.DISCONNECTED);
      assertThat(nas.received()).extracting(TestNas.Received::code).containsExactly(40);
    }
  }

  private static Optional<byte[]> acct(
      RadiusHarness h,
      DatagramSocket socket,
      int status,
      String session,
      long out,
      int outGiga,
      long in,
      int inGiga)
      throws Exception {
    return RadiusHarness.exchange(
        socket,
        h.accountingRequest(status, session, out, outGiga, in, inGiga),
        h.server.acctPort(),
        WAIT);
  }

  private static byte[] chapRequest(RadiusHarness h, String user, String secret) {
    byte[] challenge = new byte[16];
    new java.security.SecureRandom().nextBytes(challenge);
    byte id = 42;
    byte[] hash =
        TestCrypto.md5(new byte[] {id}, secret.getBytes(StandardCharsets.UTF_8), challenge);
    byte[] chap = new byte[17];
    chap[0] = id;
    System.arraycopy(hash, 0, chap, 1, 16);
    return PacketCodec.encodeRequest(
        1,
        9,
        List.of(
            h.attributes.text("User-Name", user),
            h.attributes.octets("CHAP-Password", chap),
            h.attributes.octets("CHAP-Challenge", challenge),
            h.attributes.text("Calling-Station-Id", "AA-BB-CC-DD-EE-01")),
        RadiusHarness.SECRET.getBytes(StandardCharsets.UTF_8),
        true);
  }
}
