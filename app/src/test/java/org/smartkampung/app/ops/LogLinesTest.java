package org.smartkampung.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every log line of the kampung jar's logger (slf4j-simple, set up by the app's {@code
 * simplelogger.properties}) starts with its date and time with the UTC offset, so lines from
 * several servers can be put in order. Runs a fresh JVM, as {@code java -jar kampung.jar} starts.
 */
class LogLinesTest {

  /** The child JVM's main: logs two lines as any role would. */
  public static final class Probe {
    public static void main(String[] args) {
      LoggerFactory.getLogger("org.smartkampung.radius.RadiusServer").info("RADIUS listening");
      LoggerFactory.getLogger(Probe.class).warn("store unavailable");
    }
  }

  @Test
  void everyLogLineStartsWithDateTimeAndOffset() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName()))
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).hasSize(2);
    assertThat(lines)
        .allMatch(
            l ->
                l.matches(
                    "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) .*"),
            "starts with an ISO date-time");
    assertThat(lines.get(0)).endsWith("[main] INFO RadiusServer - RADIUS listening");
    assertThat(lines.get(1)).contains("WARN").endsWith("store unavailable");
  }
}
