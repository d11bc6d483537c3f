package org.smartkampung.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.app.InProcessKampung;
import org.smartkampung.app.ShippedConfigOnLoopback;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.testing.RedisProcess;

/**
 * The shipped config on a real redis-server, run as {@code kampung run} runs it: the management
 * listener is printed at start-up, {@code /metrics} shows RADIUS, accounting and store series after
 * radclient's traffic, and {@code /readyz} fails while Redis is frozen and recovers after.
 */
class ManagementListenerTest {

  static final Path RADCLIENT = Path.of("/usr/bin/radclient");
  static final Instant EVENING = Instant.parse("2026-11-28T12:00:00Z");

  @TempDir Path dir;
  RedisProcess redis;
  InProcessKampung kampung;
  ShippedConfigOnLoopback shipped;
  int managementPort;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    requireExternal("radclient (freeradius-utils)", RADCLIENT);
    requireExternal("redis-server", Path.of("/usr/bin/redis-server"));
    redis = RedisProcess.server(dir);
    shipped = ShippedConfigOnLoopback.write(dir);
    managementPort = ShippedConfigOnLoopback.freeTcpPort();
    String yaml = Files.readString(shipped.file());
    yaml =
        yaml.replace(
            "  type: embedded ",
            "  redis:\n"
                + "    uri: redis://"
                + redis.address()
                + "\n    timeout-millis: 300\n"
                + "  type: redis    ");
    yaml =
        yaml.replaceFirst(
            "(?m)^management:\n  enabled: true\n  bind-address: 127.0.0.1\n  port: [0-9]+",
            "management:\n  enabled: true\n  bind-address: 127.0.0.1\n  port: " + managementPort);
    assertThat(yaml).contains("port: " + managementPort);
    Files.writeString(shipped.file(), yaml);
    kampung =
        InProcessKampung.start(
            ConfigLoader.load(shipped.file()), Clock.fixed(EVENING, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    if (kampung != null) {
      kampung.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void metricsAfterRadiusTrafficShowRadiusAccountingRejectAndStoreSeries() throws Exception {
    assertThat(kampung.describe())
        .contains(
            "Management on http://127.0.0.1:"
                + managementPort
                + "/metrics (Prometheus), /healthz and /readyz");

    radclient(
        shipped.authPort(),
        "auth",
        "User-Name = warga\nUser-Password = kampung123\nMessage-Authenticator = 0x00\n");
    radclient(
        shipped.authPort(),
        "auth",
        "User-Name = warga\nUser-Password = salah\nMessage-Authenticator = 0x00\n");
    radclient(
        shipped.acctPort(),
        "acct",
        "User-Name = warga\nAcct-Status-Type = Start\nAcct-Session-Id = mgmt-1\n"
            + "Calling-Station-Id = 02-00-00-00-00-01\n");
    radclient(
        shipped.acctPort(),
        "acct",
        "User-Name = warga\nAcct-Status-Type = Interim-Update\nAcct-Session-Id = mgmt-1\n"
            + "Calling-Station-Id = 02-00-00-00-00-01\nAcct-Input-Octets = 5000000\n"
            + "Acct-Output-Octets = 1000000\nAcct-Session-Time = 60\n");

    try (java.net.DatagramSocket junk = new java.net.DatagramSocket()) {
      byte[] garbage = {1, 2, 0, 5, 9};
      junk.send(
          new java.net.DatagramPacket(
              garbage,
              garbage.length,
              java.net.InetAddress.getLoopbackAddress(),
              shipped.authPort()));
    }
    Awaitility.await("the junk packet is counted")
        .atMost(Duration.ofSeconds(10))
        .until(() -> get("/metrics").body().contains("kampung_radius_drops_total{"));
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("kampung_radius_requests_total{")
        .containsPattern(
            "kampung_radius_requests_total\\{[^}]*result=\"accept\"[^}]*type=\"access_request\"")
        .containsPattern(
            "kampung_radius_requests_total\\{[^}]*result=\"ok\"[^}]*type=\"accounting_request\"")
        .containsPattern("kampung_radius_rejects_total\\{[^}]*reason=\"bad_credentials\"")
        .containsPattern("kampung_radius_latency_seconds_bucket\\{")
        .containsPattern(
            "kampung_store_latency_seconds_count\\{[^}]*op=\"record\"[^}]*store=\"redis\"")
        .containsPattern(
            "kampung_village_bytes\\{[^}]*period=\"month\"[^}]*village=\"kemiren\"\\} 6000000");
    // The reject is kept for the console's recent failed logins, in Redis with the rest.
    try (redis.clients.jedis.Jedis control = redis.control()) {
      assertThat(control.lrange("{v:kemiren}:failed-logins", 0, -1))
          .anySatisfy(
              json ->
                  assertThat(json)
                      .contains("\"who\":\"warga\"")
                      .contains("\"hotspot\":\"demo-loopback\"")
                      .contains("\"reason\":\"bad_credentials\""));
    }
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/nothing").statusCode()).isEqualTo(404);

    // Every series the shipped Grafana dashboard draws is one this scrape has (portal logins
    // appear with the first portal login, which this test does not make).
    String dashboard = Files.readString(Path.of("../ops/grafana/kampung-dashboard.json"));
    java.util.regex.Matcher names =
        java.util.regex.Pattern.compile("kampung_[a-z_]+").matcher(dashboard);
    int checked = 0;
    while (names.find()) {
      if (!names.group().startsWith("kampung_portal_logins")) {
        assertThat(metrics.body()).as("dashboard series %s", names.group()).contains(names.group());
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(5);
  }

  @Test
  void readyzFailsWhileRedisIsFrozenAndRecoversAfter() throws Exception {
    assertThat(get("/readyz").statusCode()).isEqualTo(200);

    redis.pause();
    try {
      Awaitility.await("readyz fails while Redis answers nothing")
          .atMost(Duration.ofSeconds(20))
          .until(() -> get("/readyz").statusCode() == 503);
      assertThat(get("/healthz").statusCode()).as("the process itself is alive").isEqualTo(200);
    } finally {
      redis.resume();
    }
    Awaitility.await("readyz recovers with Redis")
        .atMost(Duration.ofSeconds(20))
        .until(() -> get("/readyz").statusCode() == 200);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static String radclient(int port, String kind, String attributes) throws Exception {
    Process process =
        new ProcessBuilder(
                List.of(
                    RADCLIENT.toString(),
                    "-x",
                    "-r",
                    "2",
                    "-t",
                    "3",
                    "127.0.0.1:" + port,
                    kind,
                    "testing123"))
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().write(attributes.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("radclient did not finish");
    }
    return new String(output, StandardCharsets.UTF_8);
  }

  static void requireExternal(String what, Path executable) {
    if (!Files.isExecutable(executable)) {
      String why = what + " is not installed";
      if (Boolean.getBoolean("kampung.requireExternal")) {
        fail(why + " and kampung.requireExternal=true");
      }
      Assumptions.abort(why);
    }
  }
}
