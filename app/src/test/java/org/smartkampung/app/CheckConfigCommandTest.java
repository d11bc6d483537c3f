package org.smartkampung.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckConfigCommandTest {

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

  @Test
  void shippedConfigIsValid() {
    int code = KampungCli.execute("check-config", "../config/kampung.yaml");

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("OK (4 villages");
  }

  @Test
  void everyErrorIsPrintedWithFileLineAndFieldAndNoStackTrace() throws Exception {
    Path file = dir.resolve("kampung.yaml");
    Files.writeString(
        file,
        """
        regency: {id: banyuwangi, name: Kabupaten Banyuwangi}
        villages:
          - id: kemiren
            name: Kemiren
            time-zone: Asia/Jakartaa
        hotspots:
          - name: balai-desa
            address: 10.0.0.300
            secret: s3cret
            village: kemirin
        """);

    int code = KampungCli.execute("check-config", file.toString());

    String errors = err.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(ExitCodes.CONFIG);
    assertThat(errors)
        .contains(file + ":5: villages[0].time-zone:")
        .contains(file + ":8: hotspots[0].address:")
        .contains(file + ":10: hotspots[0].village:")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void hashPasswordPrintsAHashThatVerifies() {
    System.setIn(new java.io.ByteArrayInputStream("kampung123\n".getBytes(StandardCharsets.UTF_8)));

    int code = KampungCli.execute("hash-password");

    String hash = out.toString(StandardCharsets.UTF_8).trim();
    assertThat(code).isZero();
    assertThat(org.smartkampung.core.subscriber.PasswordHasher.verify("kampung123", hash)).isTrue();
    assertThat(hash).doesNotContain("kampung123");
  }
}
