package org.smartkampung.radius.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TEST FIXTURE: runs a program we did not write (radclient, radtest, python3 with pyrad). When it
 * is missing the test is skipped with a message, or fails when {@code
 * -Dkampung.requireExternal=true} (CI).
 */
public final class ExternalTool {

  /** FreeRADIUS's radclient (Debian freeradius-utils). */
  public static final Path RADCLIENT = Path.of("/usr/bin/radclient");

  /** What a run printed. */
  public record Run(int exitCode, String output) {}

  private ExternalTool() {}

  /** Skips (or fails in CI) unless every path exists. */
  public static void require(String what, Path... executables) {
    boolean present = true;
    for (Path p : executables) {
      present &= Files.exists(p);
    }
    if (!present) {
      String message = what + " is not installed (" + List.of(executables) + ")";
      if (Boolean.getBoolean("kampung.requireExternal")) {
        fail(message + " and kampung.requireExternal=true");
      }
      assumeTrue(false, message + "; skipping (install freeradius-utils and python3-pyrad)");
    }
  }

  public static Run run(List<String> command, String stdin)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (stdin != null) {
      process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(command + " did not finish in 30 s");
    }
    return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  /**
   * Sends the attribute lines in {@code input} once to 127.0.0.1:{@code port} with radclient
   * ({@code -x}, no retry) and returns what it printed.
   *
   * @param command auth, acct or status
   * @param timeoutSeconds how long radclient waits for the answer
   */
  public static Run radclient(
      int port, String command, String secret, int timeoutSeconds, String input)
      throws IOException, InterruptedException {
    return run(
        List.of(
            RADCLIENT.toString(),
            "-x",
            "-r",
            "1",
            "-t",
            Integer.toString(timeoutSeconds),
            "127.0.0.1:" + port,
            command,
            secret),
        input);
  }
}
