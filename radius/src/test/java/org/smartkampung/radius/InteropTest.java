package org.smartkampung.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.radius.testing.ExternalTool.RADCLIENT;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.login.LoginMethod;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.radius.testing.ExternalTool;
import org.smartkampung.radius.testing.ExternalTool.Run;
import org.smartkampung.radius.testing.RadiusHarness;

/** Drives the server with clients we did not write: FreeRADIUS's radclient/radtest and pyrad. */
class InteropTest {

  private static final Path RADTEST = Path.of("/usr/bin/radtest");
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path PYRAD_SCRIPT = Path.of("src/test/python/pyrad_client.py");
  private static final Path PYRAD = Path.of("/usr/lib/python3/dist-packages/pyrad/__init__.py");

  private static Run radclient(String command, int port, String input) throws Exception {
    return ExternalTool.radclient(port, command, RadiusHarness.SECRET, 1, input);
  }

  @Test
  void radtestGetsAcceptForSubscriberAndRejectWithReplyMessageForWrongPassword() throws Exception {
    ExternalTool.require("radtest", RADTEST, RADCLIENT);
    try (RadiusHarness h = new RadiusHarness()) {
      String server = "127.0.0.1:" + h.server.authPort();
      Run ok =
          ExternalTool.run(
              List.of(RADTEST.toString(), "siti", "sandi123", server, "0", RadiusHarness.SECRET),
              null);
      assertThat(ok.output())
          .contains("Received Access-Accept")
          .contains("Mikrotik-Rate-Limit = \"1024k/4096k\"");
      Run bad =
          ExternalTool.run(
              List.of(RADTEST.toString(), "siti", "keliru", server, "0", RadiusHarness.SECRET),
              null);
      assertThat(bad.output())
          .contains("Received Access-Reject")
          .contains("Reply-Message = \"Nama pengguna atau kata sandi salah.\"");
    }
  }

  @Test
  void radclientChapWithLoginTokenIsAccepted() throws Exception {
    ExternalTool.require("radtest", RADTEST, RADCLIENT);
    try (RadiusHarness h = new RadiusHarness()) {
      h.stores
          .loginTokens()
          .mint(
              new LoginToken(
                  "t-rc",
                  "tokensecret",
                  "kemiren",
                  "warga-5",
                  LoginMethod.VOUCHER,
                  "",
                  "mikrotik-yes",
                  Instant.now().plusSeconds(60)));
      Run run =
          ExternalTool.run(
              List.of(
                  RADTEST.toString(),
                  "-t",
                  "chap",
                  "t-rc",
                  "tokensecret",
                  "127.0.0.1:" + h.server.authPort(),
                  "0",
                  RadiusHarness.SECRET),
              null);
      assertThat(run.output())
          .contains("Received Access-Accept")
          .contains(
              "Class = 0x"
                  + java.util.HexFormat.of()
                      .formatHex("kampung:kemiren:warga-5".getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void radclientWithoutMessageAuthenticatorIsAnsweredOnlyByANoClient() throws Exception {
    ExternalTool.require("radclient", RADCLIENT);
    String request = "User-Name = siti\nUser-Password = sandi123\n";
    try (RadiusHarness yes = new RadiusHarness()) {
      Run run = radclient("auth", yes.server.authPort(), request);
      assertThat(run.output())
          .doesNotContain("Received Access-Accept")
          .contains("No reply from server");
    }
    try (RadiusHarness no =
        new RadiusHarness(
            List.of(
                RadiusHarness.hotspot(
                    "old-nas", "127.0.0.1", NasType.GENERIC, MessageAuthenticatorPolicy.NO, 0)),
            OpeningHours.ALWAYS,
            Clock.systemUTC())) {
      Run run = radclient("auth", no.server.authPort(), request);
      assertThat(run.output()).contains("Received Access-Accept");
      Run withMa =
          radclient("auth", no.server.authPort(), request + "Message-Authenticator = 0x00\n");
      assertThat(withMa.output()).contains("Received Access-Accept");
    }
  }

  @Test
  void radclientAccountingStartInterimStopWithGigawordsAndStatusServer() throws Exception {
    ExternalTool.require("radclient", RADCLIENT);
    try (RadiusHarness h = new RadiusHarness()) {
      String common =
          "User-Name = siti\nAcct-Session-Id = rc-1\nClass = \"kampung:kemiren:siti\"\n"
              + "Calling-Station-Id = \"AA-BB-CC-DD-EE-03\"\n";
      assertThat(
              radclient("acct", h.server.acctPort(), common + "Acct-Status-Type = Start\n")
                  .output())
          .contains("Received Accounting-Response");
      String interim =
          common
              + "Acct-Status-Type = Interim-Update\nAcct-Output-Octets = 100\nAcct-Output-Gigawords = 2\n"
              + "Acct-Input-Octets = 50\nAcct-Session-Time = 60\n";
      assertThat(radclient("acct", h.server.acctPort(), interim).output())
          .contains("Received Accounting-Response");
      String stop =
          common
              + "Acct-Status-Type = Stop\nAcct-Output-Octets = 300\nAcct-Output-Gigawords = 2\n"
              + "Acct-Input-Octets = 80\nAcct-Session-Time = 120\n";
      assertThat(radclient("acct", h.server.acctPort(), stop).output())
          .contains("Received Accounting-Response");
      assertThat(h.stores.userBytesUsed("kemiren", "siti")).isEqualTo(2L * (1L << 32) + 300 + 80);
      assertThat(h.stores.sessions().find("mikrotik-yes/rc-1")).isEmpty();

      Run status = radclient("status", h.server.authPort(), "Message-Authenticator = 0x00\n");
      assertThat(status.output()).contains("Received Access-Accept");
      Run acctStatus = radclient("status", h.server.acctPort(), "Message-Authenticator = 0x00\n");
      assertThat(acctStatus.output()).contains("Received Accounting-Response");
    }
  }

  private static Run pyrad(String mode, int port, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                PYTHON.toString(),
                PYRAD_SCRIPT.toString(),
                mode,
                String.valueOf(port),
                RadiusHarness.SECRET));
    command.addAll(List.of(args));
    Run run = ExternalTool.run(command, null);
    assertThat(run.exitCode()).as(run.output()).isZero();
    return run;
  }

  @Test
  void pyradPapChapStatusRetransmitAndAccounting() throws Exception {
    ExternalTool.require("python3 with pyrad", PYTHON, PYRAD);
    try (RadiusHarness h = new RadiusHarness()) {
      assertThat(pyrad("pap", h.server.authPort(), "siti", "sandi123").output())
          .contains(
              "RESULT reply 2",
              "RESULT authenticator_ok True",
              "RESULT ma_first True",
              "RESULT ma_ok True",
              "RESULT Class kampung:kemiren:siti");
      assertThat(pyrad("pap", h.server.authPort(), "siti", "bukan").output())
          .contains(
              "RESULT reply 3",
              "RESULT ma_ok True",
              "RESULT Reply-Message Nama pengguna atau kata sandi salah.");
      assertThat(pyrad("pap-noma", h.server.authPort(), "siti", "sandi123").output())
          .contains("RESULT reply none");

      h.stores
          .loginTokens()
          .mint(
              new LoginToken(
                  "t-py",
                  "rahasia-token",
                  "kemiren",
                  "warga-9",
                  LoginMethod.VOUCHER,
                  "",
                  "mikrotik-yes",
                  Instant.now().plusSeconds(60)));
      assertThat(pyrad("chap", h.server.authPort(), "t-py", "rahasia-token").output())
          .contains("RESULT reply 2", "RESULT Class kampung:kemiren:warga-9");

      h.stores
          .loginTokens()
          .mint(
              new LoginToken(
                  "t-re",
                  "pw-re",
                  "kemiren",
                  "warga-10",
                  LoginMethod.VOUCHER,
                  "",
                  "mikrotik-yes",
                  Instant.now().plusSeconds(60)));
      assertThat(pyrad("retransmit", h.server.authPort(), "t-re", "pw-re").output())
          .contains("RESULT reply 2", "RESULT identical True");

      assertThat(pyrad("status", h.server.authPort()).output())
          .contains("RESULT reply 2", "RESULT ma_ok True");
      assertThat(pyrad("status", h.server.acctPort()).output())
          .contains("RESULT reply 5", "RESULT ma_ok True");

      assertThat(pyrad("acct", h.server.acctPort(), "py-1", "Start", "0", "0", "0").output())
          .contains("RESULT reply 5", "RESULT authenticator_ok True");
      assertThat(
              pyrad("acct", h.server.acctPort(), "py-1", "Interim-Update", "10", "1", "5").output())
          .contains("RESULT reply 5");
      assertThat(h.stores.userBytesUsed("kemiren", "siti")).isEqualTo((1L << 32) + 15);
    }
  }
}
