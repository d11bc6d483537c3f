package org.smartkampung.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.portal.testing.PortalHarness;
import org.smartkampung.portal.testing.SourceBoundHttp;

/** Guessing, locking out and leftover cookies against the admin console. */
class AdminHardeningTest {

  AdminHarness h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  static SourceBoundHttp.Response signIn(SourceBoundHttp client, String user, String password) {
    String token = PortalHarness.field(client.get("/admin/masuk").body(), "csrf");
    return client.post(
        "/admin/masuk", PortalHarness.form("csrf", token, "username", user, "password", password));
  }

  @Test
  void theOperatorCanStillSignInFromAnotherPlaceAfterFiveFailuresAgainstTheirName()
      throws Exception {
    h = new AdminHarness();
    SourceBoundHttp villager = new SourceBoundHttp("127.0.0.2", h.server.port());
    List<Integer> attacker = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      attacker.add(signIn(villager, "admin", "tebakan-" + i).status());
    }

    HttpResponse<String> operator = h.client().signIn("admin", AdminHarness.ADMIN_PASSWORD);

    assertThat(attacker).containsExactly(401, 401, 401, 401, 401, 429, 429);
    assertThat(operator.statusCode()).isEqualTo(303);
    assertThat(operator.headers().firstValue("Location")).hasValue("/admin/kabupaten");
  }

  @Test
  void thirtyParallelSignInsGetAtMostFiveChecks() throws Exception {
    h = new AdminHarness();
    AdminHarness.Client client = h.client();
    String token = PortalHarness.field(client.get("/admin/masuk").body(), "csrf");
    HttpClient http = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      guesses.add(
          http.sendAsync(
              HttpRequest.newBuilder(URI.create(h.base() + "/admin/masuk"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          PortalHarness.encode(
                              PortalHarness.form(
                                  "csrf", token, "username", "admin", "password", "x" + i))))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    List<Integer> statuses =
        guesses.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

    assertThat(statuses.stream().filter(s -> s == 401)).hasSizeLessThanOrEqualTo(5);
    assertThat(statuses.stream().filter(s -> s == 429)).hasSizeGreaterThanOrEqualTo(25);
  }

  @Test
  void thePasswordChangeIsThrottledLikeASignIn() throws Exception {
    h = new AdminHarness();
    AdminHarness.Client budi = h.client();
    budi.signIn("budi", AdminHarness.BUDI_PASSWORD);
    String csrf = budi.csrf("/admin/sandi");
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      statuses.add(
          budi.post(
                  "/admin/sandi",
                  PortalHarness.form(
                      "csrf",
                      csrf,
                      "current",
                      "tebakan-" + i,
                      "password",
                      "sandi-baru-panjang",
                      "repeat",
                      "sandi-baru-panjang"))
              .statusCode());
    }
    HttpResponse<String> right =
        budi.post(
            "/admin/sandi",
            PortalHarness.form(
                "csrf",
                csrf,
                "current",
                AdminHarness.BUDI_PASSWORD,
                "password",
                "sandi-baru-panjang",
                "repeat",
                "sandi-baru-panjang"));

    assertThat(statuses).containsExactly(400, 400, 400, 400, 400, 429);
    assertThat(right.statusCode()).isEqualTo(429);
    assertThat(right.body()).contains("Terlalu banyak");
  }

  @Test
  void theOldCookieIsRefusedAfterSignOut() throws Exception {
    h = new AdminHarness();
    SourceBoundHttp browser = new SourceBoundHttp("127.0.0.1", h.server.port());
    assertThat(signIn(browser, "admin", AdminHarness.ADMIN_PASSWORD).status()).isEqualTo(303);
    String stolen = browser.cookie();
    String csrf = PortalHarness.field(browser.get("/admin/kabupaten").body(), "csrf");
    assertThat(browser.get("/admin/kabupaten").status()).isEqualTo(200);

    assertThat(browser.post("/admin/keluar", PortalHarness.form("csrf", csrf)).status())
        .isEqualTo(303);
    SourceBoundHttp replay = new SourceBoundHttp("127.0.0.1", h.server.port());
    replay.cookie(stolen);

    assertThat(replay.get("/admin/kabupaten").status()).isEqualTo(303);
    assertThat(replay.get("/admin/kabupaten").header("Location")).hasValue("/admin/masuk");
    assertThat(replay.send("GET", "/api/admin/v1/me", Map.of(), null).status()).isEqualTo(401);
  }

  @Test
  void disablingAnAdminEndsTheirSessionsInTheStore() throws Exception {
    h = new AdminHarness();
    AdminHarness.Client budi = h.client();
    budi.signIn("budi", AdminHarness.BUDI_PASSWORD);
    assertThat(budi.get("/admin/desa/kemiren").statusCode()).isEqualTo(200);
    AdminHarness.Client admin = h.client();
    admin.signIn("admin", AdminHarness.ADMIN_PASSWORD);
    String csrf = admin.csrf("/admin/kabupaten/admin");

    admin.post(
        "/admin/kabupaten/admin/budi/status", PortalHarness.form("csrf", csrf, "enabled", "tidak"));
    h.admin.admins().update(h.admin.admins().find("budi").orElseThrow().withDisabled(false));

    // Enabled again, but the session the disable ended stays ended.
    assertThat(budi.get("/admin/desa/kemiren").statusCode()).isEqualTo(303);
  }

  @Test
  void theConsoleCanBeClosedToVillagerNetworks() throws Exception {
    h = new AdminHarness(List.of("127.0.0.1/32"));
    SourceBoundHttp villager = new SourceBoundHttp("127.0.0.2", h.server.port());

    assertThat(villager.get("/admin/masuk").status()).isEqualTo(403);
    assertThat(villager.get("/admin").status()).isEqualTo(403);
    assertThat(villager.get("/api/admin/v1/me").status()).isEqualTo(403);
    assertThat(villager.get("/").status()).isEqualTo(200);
    assertThat(h.client().signIn("admin", AdminHarness.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
  }

  @Test
  void behindATrustedProxyTheConsoleChecksTheAddressItForwardedFor() throws Exception {
    h = new AdminHarness(List.of("10.9.0.0/24"), List.of("127.0.0.1"));

    assertThat(statusVia("10.9.0.5")).isEqualTo(200);
    assertThat(statusVia("198.51.100.1")).isEqualTo(403);
    assertThat(statusVia(null)).as("the proxy itself is not the kantor network").isEqualTo(403);
  }

  /** The sign-in page's status as nginx on this box forwards it for {@code client}. */
  private int statusVia(String client) throws Exception {
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + h.server.port() + "/admin/masuk"));
    if (client != null) {
      request.header("X-Forwarded-For", client);
    }
    return java.net.http.HttpClient.newHttpClient()
        .send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
