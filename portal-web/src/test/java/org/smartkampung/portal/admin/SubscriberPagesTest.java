package org.smartkampung.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.portal.testing.PortalHarness.form;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.limits.EffectiveLimits;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.village.Village;

class SubscriberPagesTest {

  AdminHarness h;
  AdminHarness.Client budi;
  String csrf;

  @BeforeEach
  void start() throws Exception {
    h = new AdminHarness();
    h.stores
        .subscribers()
        .create(
            new Subscriber(
                "joko", "tamansari", AdminHarness.HASHER.hash("sandi-joko-1"), "Joko", true, null));
    budi = h.client();
    assertThat(budi.signIn("budi", AdminHarness.BUDI_PASSWORD).statusCode()).isEqualTo(303);
    csrf = budi.csrf("/admin/desa/kemiren/pelanggan");
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private HttpResponse<String> create(String username, String password) {
    return budi.post(
        "/admin/desa/kemiren/pelanggan",
        form("csrf", csrf, "username", username, "displayName", "Wati", "password", password));
  }

  @Test
  void aDesaAdminCreatesResetsDisablesAndEnablesASubscriberAndEveryChangeIsAuditedWithoutSecrets() {
    HttpResponse<String> made = create("Wati.K", "kopi-luwak-1");

    assertThat(made.statusCode()).isEqualTo(303);
    assertThat(made.headers().firstValue("Location"))
        .contains("/admin/desa/kemiren/pelanggan/wati.k");
    Subscriber wati = h.stores.subscribers().find("wati.k").orElseThrow();
    assertThat(wati.villageId()).isEqualTo("kemiren");
    assertThat(wati.enabled()).isTrue();
    assertThat(PasswordHasher.verify("kopi-luwak-1", wati.passwordHash())).isTrue();
    assertThat(budi.get("/admin/desa/kemiren/pelanggan").body())
        .contains("wati.k")
        .doesNotContain("joko");

    assertThat(
            budi.post(
                    "/admin/desa/kemiren/pelanggan/wati.k/sandi",
                    form("csrf", csrf, "password", "gandrung-2"))
                .statusCode())
        .isEqualTo(303);
    String hash = h.stores.subscribers().find("wati.k").orElseThrow().passwordHash();
    assertThat(PasswordHasher.verify("gandrung-2", hash)).isTrue();
    assertThat(PasswordHasher.verify("kopi-luwak-1", hash)).isFalse();

    budi.post(
        "/admin/desa/kemiren/pelanggan/wati.k/status", form("csrf", csrf, "enabled", "tidak"));
    assertThat(h.stores.subscribers().find("wati.k").orElseThrow().enabled()).isFalse();
    assertThat(budi.get("/admin/desa/kemiren/pelanggan/wati.k").body()).contains("Dinonaktifkan");
    budi.post("/admin/desa/kemiren/pelanggan/wati.k/status", form("csrf", csrf, "enabled", "ya"));
    assertThat(h.stores.subscribers().find("wati.k").orElseThrow().enabled()).isTrue();

    var entries = h.admin.audit().newest(10);
    assertThat(entries)
        .extracting(AuditEntry::action)
        .containsExactlyInAnyOrder(
            "subscriber.enabled", "subscriber.enabled", "subscriber.password", "subscriber.create");
    for (AuditEntry e : entries) {
      assertThat(e.actor()).isEqualTo("budi");
      assertThat(e.target()).isEqualTo("wati.k");
      assertThat(e.before() + e.after())
          .doesNotContain("kopi-luwak-1")
          .doesNotContain("gandrung-2")
          .doesNotContain("pbkdf2");
    }
    assertThat(entries)
        .anySatisfy(
            e -> {
              assertThat(e.before()).contains("enabled=false");
              assertThat(e.after()).contains("enabled=true");
            });
  }

  /** The standing limits the stores now give a villager of kemiren (policy and override). */
  private Limits limitsOf(String user) {
    Village kemiren = h.config.village("kemiren").orElseThrow();
    return EffectiveLimits.standing(
        EffectiveLimits.policyOf(h.config, kemiren),
        kemiren.bandwidthPackage(),
        h.stores.subscribers().overrideOf(user));
  }

  @Test
  void theOverrideReplacesTheVillageUserLimitsInTheLedgerAtOnceAndEmptyFieldsFollowTheVillage() {
    create("wati", "kopi-luwak-1");
    assertThat(limitsOf("wati").userDailyBytes()).isEqualTo(500_000_000L);

    HttpResponse<String> saved =
        budi.post(
            "/admin/desa/kemiren/pelanggan/wati/kuota",
            form("csrf", csrf, "userDailyMb", "2000", "userDailyMinutes", "", "maxDevices", "4"));

    assertThat(saved.statusCode()).isEqualTo(303);
    assertThat(h.stores.subscribers().find("wati").orElseThrow().quotaOverride())
        .isEqualTo(new QuotaOverride(2000L, null, null, null, 4));
    var limits = limitsOf("wati");
    assertThat(limits.userDailyBytes()).isEqualTo(2_000_000_000L);
    assertThat(limits.maxDevices()).isEqualTo(4);
    assertThat(limitsOf("sari").userDailyBytes()).isEqualTo(500_000_000L);
    assertThat(budi.get(saved.headers().firstValue("Location").orElseThrow()).body())
        .contains("value=\"2000\"")
        .contains("Perubahan tersimpan.");

    budi.post("/admin/desa/kemiren/pelanggan/wati/kuota", form("csrf", csrf, "userDailyMb", ""));
    assertThat(h.stores.subscribers().find("wati").orElseThrow().quotaOverride()).isNull();
    assertThat(limitsOf("wati").userDailyBytes()).isEqualTo(500_000_000L);
    // The harness clock is fixed, so entries of one test share a time: look them up, not by order.
    assertThat(h.admin.audit().newest(10))
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo("subscriber.override");
              assertThat(e.before()).contains("userDailyMb=2000, ");
              assertThat(e.after()).contains("userDailyMb=, ");
            });
  }

  @Test
  void badSubscriberInputIsRefusedWithIndonesianMessagesNextToTheFieldsAndNothingIsSaved() {
    HttpResponse<String> chars = create("wati k!", "kopi-luwak-1");
    assertThat(chars.statusCode()).isEqualTo(400);
    assertThat(chars.body())
        .contains("id=\"username-error\">Nama pengguna hanya boleh huruf kecil")
        .contains("value=\"wati k!\"");

    HttpResponse<String> shortPassword = create("wati", "pendek");
    assertThat(shortPassword.statusCode()).isEqualTo(400);
    assertThat(shortPassword.body())
        .contains("id=\"password-error\">Kata sandi minimal 8 karakter.")
        .doesNotContain("pendek\"");

    // Taken in another village: usernames are unique across the regency.
    HttpResponse<String> taken = create("JOKO", "kopi-luwak-1");
    assertThat(taken.statusCode()).isEqualTo(400);
    assertThat(taken.body()).contains("id=\"username-error\">Nama pengguna ini sudah dipakai.");
    assertThat(h.stores.subscribers().listByVillage("kemiren")).isEmpty();
    assertThat(h.stores.subscribers().find("joko").orElseThrow().villageId())
        .isEqualTo("tamansari");

    create("wati", "kopi-luwak-1");
    HttpResponse<String> absurd =
        budi.post(
            "/admin/desa/kemiren/pelanggan/wati/kuota",
            form(
                "csrf",
                csrf,
                "userDailyMb",
                "-1",
                "userDailyMinutes",
                "5000",
                "maxDevices",
                "tiga",
                "userRateDownKbps",
                "128"));
    assertThat(absurd.statusCode()).isEqualTo(400);
    assertThat(absurd.body())
        .contains("id=\"userDailyMb-error\">Harus antara 1 dan 10.000.000.")
        .contains("id=\"userDailyMinutes-error\">Harus antara 1 dan 1440.")
        .contains("id=\"maxDevices-error\">Isi dengan angka bulat")
        .contains("value=\"-1\"");
    assertThat(h.stores.subscribers().find("wati").orElseThrow().quotaOverride()).isNull();
    assertThat(
            budi.post(
                    "/admin/desa/kemiren/pelanggan/wati/sandi",
                    form("csrf", csrf, "password", "abc"))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            PasswordHasher.verify(
                "kopi-luwak-1", h.stores.subscribers().find("wati").orElseThrow().passwordHash()))
        .isTrue();
  }

  @Test
  void aSubscriberOfAnotherVillageIs403ThroughTheAdminsOwnVillageAndNothingChanges() {
    Subscriber before = h.stores.subscribers().find("joko").orElseThrow();

    assertThat(budi.get("/admin/desa/kemiren/pelanggan/joko").statusCode()).isEqualTo(403);
    for (String action : new String[] {"sandi", "status", "kuota"}) {
      assertThat(
              budi.post(
                      "/admin/desa/kemiren/pelanggan/joko/" + action,
                      form(
                          "csrf",
                          csrf,
                          "password",
                          "diambil-alih",
                          "enabled",
                          "tidak",
                          "userDailyMb",
                          "99999"))
                  .statusCode())
          .as(action)
          .isEqualTo(403);
    }
    assertThat(
            budi.json(
                    "PUT",
                    "/api/admin/v1/villages/kemiren/subscribers/joko",
                    "{\"enabled\":false}",
                    csrf)
                .statusCode())
        .isEqualTo(403);
    assertThat(budi.get("/admin/desa/kemiren/pelanggan/tidakada").statusCode()).isEqualTo(404);
    assertThat(h.stores.subscribers().find("joko").orElseThrow()).isEqualTo(before);
  }

  @Test
  void theApiCreatesListsAndUpdatesSubscribersWithTheSameRules() {
    String token = new JsonObject(budi.get("/api/admin/v1/me").body()).getString("csrfToken");
    String base = "/api/admin/v1/villages/kemiren/subscribers";

    HttpResponse<String> bad =
        budi.json("POST", base, "{\"username\":\"joko\",\"password\":\"x\"}", token);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getJsonObject("errors").fieldNames())
        .containsExactlyInAnyOrder("password");
    HttpResponse<String> taken =
        budi.json("POST", base, "{\"username\":\"joko\",\"password\":\"cukup-panjang\"}", token);
    assertThat(new JsonObject(taken.body()).getJsonObject("errors").getString("username"))
        .contains("sudah dipakai");

    HttpResponse<String> made =
        budi.json("POST", base, "{\"username\":\"wati\",\"password\":\"cukup-panjang\"}", token);
    assertThat(made.statusCode()).isEqualTo(201);
    HttpResponse<String> updated =
        budi.json(
            "PUT",
            base + "/wati",
            "{\"enabled\":false,\"override\":{\"userDailyMb\":900,\"userRateDownKbps\":1024}}",
            token);
    assertThat(updated.statusCode()).isEqualTo(200);
    Subscriber wati = h.stores.subscribers().find("wati").orElseThrow();
    assertThat(wati.enabled()).isFalse();
    assertThat(wati.quotaOverride()).isEqualTo(new QuotaOverride(900L, null, 1024L, null, null));

    HttpResponse<String> refused =
        budi.json(
            "PUT", base + "/wati", "{\"enabled\":true,\"override\":{\"maxDevices\":0}}", token);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(h.stores.subscribers().find("wati").orElseThrow()).isEqualTo(wati);

    String list = budi.get(base).body();
    assertThat(
            new JsonObject(list)
                .getJsonArray("subscribers")
                .getJsonObject(0)
                .getJsonObject("override")
                .getLong("userDailyMb"))
        .isEqualTo(900L);
    assertThat(list).doesNotContain("pbkdf2").doesNotContain("passwordHash");
  }

  @Test
  void subscriberFormsWithoutTheCsrfTokenAre403() {
    assertThat(
            budi.post(
                    "/admin/desa/kemiren/pelanggan",
                    Map.of("username", "wati", "password", "kopi-luwak-1"))
                .statusCode())
        .isEqualTo(403);
    assertThat(h.stores.subscribers().listByVillage("kemiren")).isEmpty();
  }
}
