package org.smartkampung.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.metrics.KampungMetrics;

/**
 * {@code kampung run} on the shipped {@code config/kampung.yaml} (only ports, bind address and data
 * directory changed), started and stopped in-process: FreeRADIUS's own {@code radtest} logs the
 * demo subscriber in, a wrong password is rejected with a reason, and the portal shows the demo
 * village in Bahasa Indonesia. Skipped without radtest, or failed under {@code
 * -Dkampung.requireExternal=true}.
 */
class RunSmokeTest {

  static final Path RADTEST = Path.of("/usr/bin/radtest");

  /** 19:00 in Banyuwangi: inside every shipped policy's opening hours (05:00-23:00 WIB at most). */
  static final Instant EVENING = Instant.parse("2026-11-28T12:00:00Z");

  @TempDir Path dir;
  int authPort;
  int acctPort;
  int portalPort;
  RunCommand.Kampung kampung;

  @BeforeEach
  void start() throws Exception {
    if (!Files.isExecutable(RADTEST)) {
      String why = "radtest is not installed (apt-get install freeradius-utils)";
      if (Boolean.getBoolean("kampung.requireExternal")) {
        fail(why + " and kampung.requireExternal=true");
      }
      Assumptions.abort(why + "; kampung run smoke test skipped");
    }
    ShippedConfigOnLoopback shipped = ShippedConfigOnLoopback.write(dir);
    authPort = shipped.authPort();
    acctPort = shipped.acctPort();
    portalPort = shipped.portalPort();
    Path config = shipped.file();

    KampungConfig loaded = ConfigLoader.load(config);
    kampung =
        RunCommand.Kampung.start(
            loaded, Clock.fixed(EVENING, ZoneOffset.UTC), KampungMetrics.createRegistry());
  }

  @AfterEach
  void stop() {
    if (kampung != null) {
      kampung.close();
    }
  }

  @Test
  void radtestDemoSubscriberIsAcceptedWrongPasswordRejectedAndPortalShowsKemiren()
      throws Exception {
    assertThat(kampung.describe())
        .anyMatch(line -> line.contains("127.0.0.1:" + authPort))
        .anyMatch(line -> line.contains("127.0.0.1:" + portalPort));

    String accepted = radtest("warga", "kampung123");
    assertThat(accepted).contains("Received Access-Accept");

    String rejected = radtest("warga", "salah-sandi");
    assertThat(rejected)
        .contains("Received Access-Reject")
        .contains("Reply-Message = \"Nama pengguna atau kata sandi salah.\"");

    HttpResponse<String> landing =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portalPort + "/")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(landing.statusCode()).isEqualTo(200);
    assertThat(landing.body()).contains("Selamat datang di Desa Kemiren").contains("lang=\"id\"");
  }

  @Test
  void closeStopsEveryRoleAndReleasesThePorts() throws Exception {
    kampung.close();
    kampung = null;

    try (ServerSocket portal = new ServerSocket()) {
      portal.bind(new InetSocketAddress("127.0.0.1", portalPort));
    }
    try (DatagramSocket auth = new DatagramSocket(new InetSocketAddress("127.0.0.1", authPort))) {
      assertThat(auth.getLocalPort()).isEqualTo(authPort);
    }
    assertThat(dir.resolve("data")).isDirectory();
  }

  private String radtest(String user, String password) throws Exception {
    Process process =
        new ProcessBuilder(
                List.of(
                    RADTEST.toString(), user, password, "127.0.0.1:" + authPort, "0", "testing123"))
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("radtest did not finish in 30 s");
    }
    return new String(output, StandardCharsets.UTF_8);
  }
}
