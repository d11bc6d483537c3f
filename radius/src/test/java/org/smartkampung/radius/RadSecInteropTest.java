package org.smartkampung.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.login.LoginMethod;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.radius.server.Transport;
import org.smartkampung.radius.testing.ExternalTool;
import org.smartkampung.radius.testing.RadSecFixture;
import org.smartkampung.radius.testing.RadSecProxy;
import org.smartkampung.radius.testing.RadiusHarness;

/**
 * RadSec with a client we did not write: radsecproxy, holding a hotspot's certificate, carries
 * radclient's UDP requests over TLS to our listener, as a village router would.
 */
class RadSecInteropTest {

  @TempDir Path dir;

  @Test
  void radsecproxyCarriesPapChapAccountingAndStatusServer() throws Exception {
    ExternalTool.require("radclient", ExternalTool.RADCLIENT);
    RadSecFixture pki = new RadSecFixture(dir);
    pki.issue("balai");
    try (RadiusHarness h =
            new RadiusHarness(
                List.of(RadSecFixture.hotspot("balai", null, "CN=balai")), pki.settings(64, 120));
        RadSecProxy proxy = RadSecProxy.start(pki, "balai", h.server.radSecPort(), dir)) {
      ExternalTool.Run pap =
          proxy.radclient(
              "auth",
              "User-Name = siti\nUser-Password = sandi123\nMessage-Authenticator = 0x00\n"
                  + "Calling-Station-Id = \"AA-BB-CC-DD-EE-09\"\n");
      assertThat(pap.output()).as(proxy.log()).contains("Received Access-Accept");
      assertThat(pap.output()).contains("Mikrotik-Rate-Limit = \"1024k/4096k\"");

      ExternalTool.Run wrong =
          proxy.radclient(
              "auth", "User-Name = siti\nUser-Password = keliru\nMessage-Authenticator = 0x00\n");
      assertThat(wrong.output())
          .contains("Received Access-Reject")
          .contains("Nama pengguna atau kata sandi salah.");

      h.stores
          .loginTokens()
          .mint(
              new LoginToken(
                  "t-rs",
                  "tokensecret",
                  "kemiren",
                  "warga-7",
                  LoginMethod.VOUCHER,
                  "",
                  "balai",
                  Instant.now().plusSeconds(60)));
      ExternalTool.Run chap =
          proxy.radclient(
              "auth",
              "User-Name = t-rs\nCHAP-Password = tokensecret\nMessage-Authenticator = 0x00\n");
      assertThat(chap.output()).as(proxy.log()).contains("Received Access-Accept");

      String common =
          "User-Name = siti\nAcct-Session-Id = rsp-1\nClass = \"kampung:kemiren:siti\"\n"
              + "Calling-Station-Id = \"AA-BB-CC-DD-EE-09\"\n";
      assertThat(proxy.radclient("acct", common + "Acct-Status-Type = Start\n").output())
          .contains("Received Accounting-Response");
      String stop =
          common
              + "Acct-Status-Type = Stop\nAcct-Output-Octets = 300\nAcct-Output-Gigawords = 1\n"
              + "Acct-Input-Octets = 80\nAcct-Session-Time = 120\n";
      assertThat(proxy.radclient("acct", stop).output()).contains("Received Accounting-Response");
      assertThat(h.stores.userBytesUsed("kemiren", "siti")).isEqualTo((1L << 32) + 300 + 80);

      // radsecproxy answers radclient's Status-Server itself (RFC 5997) and keeps its own
      // Status-Server going to us over the TLS connection.
      assertThat(proxy.radclient("status", "Message-Authenticator = 0x00\n").output())
          .contains("Received Access-Accept");
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(
                          h.server.metrics().requests("status_server", "alive", Transport.RADSEC))
                      .as(proxy.log())
                      .isPositive());
      assertThat(h.server.metrics().requests("access_request", "accept", Transport.RADSEC))
          .isEqualTo(2);
      assertThat(h.server.metrics().requests("accounting_request", "ok", Transport.RADSEC))
          .isEqualTo(2);
    }
  }
}
