package org.smartkampung.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.login.FailedLogin;
import org.smartkampung.portal.testing.PortalHarness;

/**
 * "Why can't Bu Sri log in?": a wrong voucher code and a wrong password typed on the portal, and a
 * RADIUS reject kept by the RADIUS role, show on the village's recent failed logins page with time,
 * what was tried, the hotspot and the reason in words; another village's page stays forbidden.
 */
class FailedLoginPagesTest {

  AdminHarness h;
  AdminHarness.Client budi;

  @BeforeEach
  void start() throws Exception {
    h = new AdminHarness();
    budi = h.client();
    assertThat(budi.signIn("budi", AdminHarness.BUDI_PASSWORD).statusCode()).isEqualTo(303);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void portalFailuresAndRadiusRejectsAreListedNewestFirstWithTheirReason() throws Exception {
    // A RADIUS reject, as the RADIUS role keeps it (same store), 10 minutes before.
    h.stores
        .failedLogins()
        .record(
            new FailedLogin(
                PortalHarness.EVENING.minusSeconds(600),
                "kemiren",
                "sri",
                "kemiren-balai-desa",
                "bad_credentials"));
    HttpClient villager = HttpClient.newHttpClient();
    String landing = villagerGet(villager, "/?desa=kemiren");
    villagerPost(
        villager,
        "/masuk/voucher",
        PortalHarness.form("s", PortalHarness.state(landing), "kode", "SALAH123"));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> budi.get("/admin/desa/kemiren/gagal-masuk").body().contains("SALAH123"));
    HttpResponse<String> page = budi.get("/admin/desa/kemiren/gagal-masuk");
    assertThat(page.statusCode()).isEqualTo(200);
    String body = page.body();
    assertThat(body)
        .contains("Gagal masuk terakhir")
        .contains("Kode voucher tidak dikenal")
        .contains("Nama pengguna atau kata sandi salah")
        .contains("kemiren-balai-desa")
        .contains("28-11-2026 18:50:00"); // 10 minutes before 19:00 WIB
    assertThat(body.indexOf("SALAH123")).isLessThan(body.indexOf(">sri<"));
    assertThat(budi.get("/admin/desa/kemiren").body()).contains("/admin/desa/kemiren/gagal-masuk");
  }

  @Test
  void anotherVillagesFailedLoginsAreForbidden() {
    assertThat(budi.get("/admin/desa/tamansari/gagal-masuk").statusCode()).isEqualTo(403);
  }

  private String villagerGet(HttpClient client, String path) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create(h.base() + path)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .body();
  }

  private void villagerPost(HttpClient client, String path, java.util.Map<String, String> form)
      throws Exception {
    client.send(
        HttpRequest.newBuilder(URI.create(h.base() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(PortalHarness.encode(form)))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
