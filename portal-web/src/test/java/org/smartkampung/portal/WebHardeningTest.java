package org.smartkampung.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.portal.testing.PortalHarness.form;
import static org.smartkampung.portal.testing.PortalHarness.state;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.PortalSettings;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.portal.testing.PortalHarness;
import org.smartkampung.portal.testing.SourceBoundHttp;

/** What an attacker on the village Wi-Fi tries against the portal's HTTP server itself. */
class WebHardeningTest {

  static final String MIKROTIK =
      "/?"
          + PortalHarness.encode(
              Map.of(
                  "link-login-only", "http://10.5.50.1/login",
                  "mac", "3C:5A:B4:01:02:03",
                  "ip", "10.5.50.23",
                  "nasid", "kemiren-mt"));

  @Test
  void aMalformedQueryIsABadRequestNotAServerError() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      for (String path : List.of("/?reply=%zz", "/desa/kemiren?error=%e0%a4%a", "/status?s=%")) {
        SourceBoundHttp.Response r =
            SourceBoundHttp.exchange(
                "127.0.0.1", portal.server.port(), "GET", path, Map.of(), null);
        assertThat(r.status()).as(path).isEqualTo(400);
        assertThat(r.body()).as(path).doesNotContain("Exception").hasSizeLessThan(200);
      }
      assertThat(portal.get("/").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aMalformedQueryIsLoggedInOneLineWithoutAStackTrace() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      java.io.PrintStream original = System.err;
      java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
      System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        SourceBoundHttp.exchange(
            "127.0.0.1", portal.server.port(), "GET", "/?reply=%zz", Map.of(), null);
      } finally {
        System.setErr(original);
      }
      String log = captured.toString(StandardCharsets.UTF_8);

      assertThat(log.lines().filter(l -> l.contains("malformed query"))).hasSize(1);
      assertThat(log).doesNotContain("\tat ").doesNotContain("Exception");
    }
  }

  @Test
  void aConsolePostWithOriginNullIsRefused() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      HttpResponse<String> r =
          portal.post(
              "/admin/masuk",
              form("csrf", "x", "username", "admin", "password", "x"),
              "Origin",
              "null");

      assertThat(r.statusCode()).isEqualTo(403);
    }
  }

  @Test
  void anUploadToAnyRouteLeavesNothingOnDisk() throws Exception {
    Path uploads = Path.of("file-uploads");
    List<Path> before = files(uploads);
    String boundary = "----kampung";
    String marker = "isi-file-" + System.nanoTime();
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"a.bin\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + marker
            + "\r\n--"
            + boundary
            + "--\r\n";
    try (PortalHarness portal = PortalHarness.start()) {
      HttpClient http = HttpClient.newHttpClient();
      for (String path : List.of("/masuk/gratis", "/tidak-ada", "/admin/masuk", "/keluar")) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(portal.base() + path))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isLessThan(500);
      }
    }
    assertThat(files(uploads)).isEqualTo(before);
  }

  @Test
  void aLoginPostedWithOriginNullIsRefused() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      String landing = portal.get(MIKROTIK).body();

      HttpResponse<String> r =
          portal.post("/masuk/gratis", form("s", state(landing), "setuju", "on"), "Origin", "null");

      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(portal.stores.tokens).isEmpty();
    }
  }

  @Test
  void theStatusLinkDoesNotCarryTheVoucherCode() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      portal
          .stores
          .vouchers()
          .createAll(
              List.of(
                  NasLoginFlowTest.voucher(
                      "ABCD2345", java.time.Instant.parse("2026-12-31T00:00:00Z"))));
      String landing = portal.get(MIKROTIK).body();

      String nasPost =
          portal.post("/masuk/voucher", form("s", state(landing), "kode", "abcd-2345")).body();
      String dst = PortalHarness.field(nasPost, "dst");
      String token = dst.substring(dst.indexOf("s=") + 2);
      // Whatever the format, no part of the link may decode to the code.
      String raw = java.net.URLDecoder.decode(token, StandardCharsets.UTF_8);
      StringBuilder decoded = new StringBuilder();
      for (String part : raw.split("\\.")) {
        decoded.append(
            new String(java.util.Base64.getUrlDecoder().decode(part), StandardCharsets.ISO_8859_1));
      }

      assertThat(dst).startsWith("http://portal.test/status?s=").doesNotContain("ABCD2345");
      assertThat(decoded.toString()).doesNotContain("ABCD2345").doesNotContain("kemiren");
      HttpResponse<String> status = portal.get(dst.replace("http://portal.test", ""));
      assertThat(status.statusCode()).isEqualTo(200);
      assertThat(status.body()).contains("Anda sedang terhubung");
    }
  }

  @Test
  void sixtyParallelWrongPasswordsGetAtMostFiveChecks() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      // A slow hash widens the window between the check and the failure it records.
      portal
          .stores
          .subscribers()
          .create(
              new Subscriber(
                  "sari",
                  "kemiren",
                  new PasswordHasher(200_000).hash("rahasia-sari"),
                  "Sari",
                  true,
                  null));
      String s = state(portal.get(MIKROTIK).body());
      HttpClient http = HttpClient.newHttpClient();
      List<CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        guesses.add(
            http.sendAsync(
                HttpRequest.newBuilder(URI.create(portal.base() + "/masuk/pelanggan"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            PortalHarness.encode(
                                form("s", s, "nama", "sari", "sandi", "tebakan-" + i))))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      List<Integer> statuses =
          guesses.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

      assertThat(statuses.stream().filter(c -> c == 400)).hasSizeLessThanOrEqualTo(5);
      assertThat(statuses.stream().filter(c -> c == 429)).hasSizeGreaterThanOrEqualTo(55);
    }
  }

  /**
   * 20,000 connections that never finish their request head, from 40 addresses, opened by two
   * client processes of 10,000 each (one JVM cannot hold 20,000 sockets and the server's under a
   * 20,000 descriptor limit): the per-source cap closes most at once and the header timeout the
   * rest, and meanwhile another villager is served.
   */
  @Test
  void twentyThousandSlowConnectionsAreClosedAndLeaveThePortalServingOthers() throws Exception {
    KampungConfig c = PortalHarness.config(OpeningHours.ALWAYS, PortalHarness.PUBLIC_URL);
    KampungConfig config =
        new KampungConfig(
            c.regency(),
            c.store(),
            c.radius(),
            new PortalSettings(true, "127.0.0.1", 0, PortalHarness.PUBLIC_URL, 2, 60, 50, null),
            c.loginMethods(),
            c.policies(),
            c.villages(),
            c.hotspots(),
            c.subscribers());
    Path script = Path.of(WebHardeningTest.class.getResource("/slow-clients.py").toURI());
    List<Process> clients = new ArrayList<>();
    try (PortalHarness portal = PortalHarness.start(config)) {
      for (int first : new int[] {10, 30}) {
        clients.add(
            new ProcessBuilder(
                    "python3",
                    script.toString(),
                    Integer.toString(portal.server.port()),
                    "10000",
                    Integer.toString(first),
                    "20")
                .redirectErrorStream(true)
                .start());
      }
      List<BufferedReader> outputs = new ArrayList<>();
      for (Process client : clients) {
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        assertThat(out.readLine()).startsWith("opened");
        outputs.add(out);
      }

      SourceBoundHttp.Response other =
          SourceBoundHttp.exchange("127.0.0.2", portal.server.port(), "GET", "/", Map.of(), null);
      assertThat(other.status()).isEqualTo(200);
      assertThat(other.body()).contains("Selamat datang");

      for (int i = 0; i < clients.size(); i++) {
        assertThat(outputs.get(i).readLine()).isEqualTo("closed 10000 of 10000");
        assertThat(clients.get(i).waitFor(90, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      clients.forEach(Process::destroyForcibly);
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
