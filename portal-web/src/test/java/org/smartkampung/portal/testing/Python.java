package org.smartkampung.portal.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a python3 snippet and returns what it printed, for values computed outside our code. */
public final class Python {

  private Python() {}

  /** Runs {@code python3 -c code args...} and returns stdout without the trailing newline. */
  public static String run(String code, String... args) {
    List<String> command = new ArrayList<>(List.of("python3", "-c", code));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("python3 timed out");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0) {
        throw new IllegalStateException("python3 failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("python3 is needed for this test", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
