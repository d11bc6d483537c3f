package org.smartkampung.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kampung pki init | issue | revoke}: files that openssl (a tool we did not write) verifies
 * and revokes, and that check-config accepts in radius.radsec and on a hotspot.
 */
class PkiCommandTest {

  private static final Path OPENSSL = Path.of("/usr/bin/openssl");

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  private static String openssl(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(OPENSSL.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return output;
  }

  @Test
  void initIssueCheckConfigAndRevoke() throws Exception {
    if (!Files.exists(OPENSSL)) {
      if (Boolean.getBoolean("kampung.requireExternal")) {
        throw new AssertionError("openssl is not installed and kampung.requireExternal=true");
      }
      org.junit.jupiter.api.Assumptions.assumeTrue(false, "openssl is not installed");
    }
    Path pki = dir.resolve("pki");
    assertThat(
            KampungCli.execute(
                "pki",
                "init",
                "--dir",
                pki.toString(),
                "--name",
                "Banyuwangi",
                "--server-name",
                "radius.banyuwangi.go.id",
                "--server-name",
                "10.9.0.1"))
        .as(err.toString(StandardCharsets.UTF_8))
        .isZero();
    assertThat(KampungCli.execute("pki", "issue", "--dir", pki.toString(), "kemiren-balai"))
        .isZero();
    Matcher fingerprint =
        Pattern.compile("sha256: +([0-9a-f]{64})").matcher(out.toString(StandardCharsets.UTF_8));
    assertThat(fingerprint.find()).isTrue();

    String ca = pki.resolve("ca.pem").toString();
    String hotspot = pki.resolve("hotspots/kemiren-balai.pem").toString();
    String crl = pki.resolve("crl.pem").toString();
    assertThat(openssl("verify", "-CAfile", ca, "-crl_check", "-CRLfile", crl, hotspot))
        .contains(hotspot + ": OK");
    assertThat(openssl("verify", "-CAfile", ca, pki.resolve("server.pem").toString()))
        .contains(": OK");
    assertThat(openssl("x509", "-in", pki.resolve("server.pem").toString(), "-noout", "-text"))
        .contains("DNS:radius.banyuwangi.go.id", "IP Address:10.9.0.1", "TLS Web Server");
    assertThat(openssl("x509", "-in", hotspot, "-noout", "-fingerprint", "-sha256"))
        .containsIgnoringCase(fingerprint.group(1).replaceAll("(..)(?!$)", "$1:"));
    assertThat(Files.getPosixFilePermissions(pki.resolve("hotspots/kemiren-balai.key")))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

    Path config = dir.resolve("kampung.yaml");
    Files.writeString(
        config,
        """
        regency: {id: banyuwangi, name: Kabupaten Banyuwangi}
        villages:
          - id: kemiren
            name: Kemiren
        hotspots:
          - name: kemiren-balai
            certificate: sha256:%s
            secret: tidak-dipakai
            village: kemiren
        radius:
          radsec:
            enabled: true
            certificate: %s/server.pem
            private-key: %s/server.key
            ca-certificates: %s
            crl: %s
        """
            .formatted(fingerprint.group(1), pki, pki, ca, crl));
    assertThat(KampungCli.execute("check-config", config.toString()))
        .as(err.toString(StandardCharsets.UTF_8))
        .isZero();

    assertThat(KampungCli.execute("pki", "revoke", "--dir", pki.toString(), "kemiren-balai"))
        .isZero();
    assertThat(openssl("verify", "-CAfile", ca, "-crl_check", "-CRLfile", crl, hotspot))
        .contains("certificate revoked");
    assertThat(KampungCli.execute("pki", "revoke", "--dir", pki.toString(), "tidak-ada"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no certificate was issued to hotspot tidak-ada");
    assertThat(
            KampungCli.execute(
                "pki", "init", "--dir", pki.toString(), "--server-name", "x.example"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("a CA already exists");
  }
}
