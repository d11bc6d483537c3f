package org.smartkampung.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.portal.testing.PortalHarness.form;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.session.KickRequest;
import org.smartkampung.core.session.KickResult;
import org.smartkampung.core.session.LimitsRequest;
import org.smartkampung.core.session.LimitsResult;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.village.VillageSettings;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.portal.testing.PortalHarness;

class AdminConsoleTest {

  AdminHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new AdminHarness();
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  AdminHarness.Client budi() {
    AdminHarness.Client c = h.client();
    assertThat(c.signIn("budi", AdminHarness.BUDI_PASSWORD).statusCode()).isEqualTo(303);
    return c;
  }

  @Test
  void signInSetsAStrictHttpOnlyCookieAndSendsTheDesaAdminToTheirVillage() {
    AdminHarness.Client c = h.client();
    HttpResponse<String> r = c.signIn("budi", AdminHarness.BUDI_PASSWORD);

    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains("/admin/desa/kemiren");
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .contains("kampung_admin=")
        .containsIgnoringCase("HttpOnly")
        .contains("SameSite=Strict");
    assertThat(cookie).doesNotContain("Secure");
    assertThat(c.get("/admin/desa/kemiren").body()).contains("Kemiren");
  }

  @Test
  void wrongPasswordsAreRefusedAndTheAccountIsThrottledAfterFive() {
    AdminHarness.Client c = h.client();
    for (int i = 0; i < AdminParts.MAX_ACCOUNT_FAILURES; i++) {
      HttpResponse<String> r = c.signIn("budi", "salah-" + i);
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body()).contains("Nama pengguna atau kata sandi salah.");
    }

    HttpResponse<String> throttled = c.signIn("budi", AdminHarness.BUDI_PASSWORD);

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.body()).contains("Terlalu banyak percobaan gagal");
  }

  @Test
  void withoutASessionPagesGoToSignInAndTheApiAnswers401() {
    AdminHarness.Client c = h.client();

    assertThat(c.get("/admin/desa/kemiren/kuota").headers().firstValue("Location"))
        .contains("/admin/masuk");
    assertThat(c.get("/api/admin/v1/villages/kemiren/settings").statusCode()).isEqualTo(401);
  }

  /** Every route with a village id, as a desa admin of Kemiren would try them on Tamansari. */
  static final List<String> VILLAGE_GETS =
      List.of(
          "/admin/desa/%s",
          "/admin/desa/%s/kuota",
          "/admin/desa/%s/voucher",
          "/admin/desa/%s/voucher/cetak?batch=x",
          "/admin/desa/%s/sesi",
          "/admin/desa/%s/pelanggan",
          "/admin/desa/%s/beranda",
          "/admin/desa/%s/pemakaian",
          "/admin/desa/%s/pemakaian/csv",
          "/api/admin/v1/villages/%s/subscribers",
          "/api/admin/v1/villages/%s/settings",
          "/api/admin/v1/villages/%s/vouchers",
          "/api/admin/v1/villages/%s/sessions",
          "/api/admin/v1/villages/%s/kicks/x",
          "/api/admin/v1/villages/%s/limits/x",
          "/api/admin/v1/villages/%s/usage",
          "/api/admin/v1/villages/%s/usage/csv",
          "/api/admin/v1/villages/%s/landing");

  static final List<String> VILLAGE_POSTS =
      List.of(
          "/admin/desa/%s/kuota",
          "/admin/desa/%s/voucher",
          "/admin/desa/%s/voucher/cabut",
          "/admin/desa/%s/sesi/putus",
          "/admin/desa/%s/pelanggan",
          "/admin/desa/%s/pelanggan/joko/sandi",
          "/admin/desa/%s/pelanggan/joko/status",
          "/admin/desa/%s/pelanggan/joko/kuota",
          "/admin/desa/%s/pelanggan/joko/hapus",
          "/admin/desa/%s/beranda/tautan",
          "/admin/desa/%s/beranda/berita",
          "/admin/desa/%s/beranda/produk",
          "/admin/desa/%s/beranda/hapus");

  /** Every API call with a village id that changes something: method and path. */
  static final List<String[]> VILLAGE_API_CHANGES =
      List.of(
          new String[] {"PUT", "/api/admin/v1/villages/%s/settings"},
          new String[] {"POST", "/api/admin/v1/villages/%s/vouchers"},
          new String[] {"POST", "/api/admin/v1/villages/%s/vouchers/revoke"},
          new String[] {"POST", "/api/admin/v1/villages/%s/sessions/kick"},
          new String[] {"POST", "/api/admin/v1/villages/%s/subscribers"},
          new String[] {"PUT", "/api/admin/v1/villages/%s/subscribers/joko"},
          new String[] {"DELETE", "/api/admin/v1/villages/%s/subscribers/joko"},
          new String[] {"PUT", "/api/admin/v1/villages/%s/landing"});

  /** Every kabupaten-only page and API call that reads. */
  static final List<String> KABUPATEN_GETS =
      List.of(
          "/admin/kabupaten",
          "/admin/kabupaten/csv",
          "/admin/kabupaten/audit",
          "/admin/kabupaten/admin",
          "/admin/kabupaten/hotspot",
          "/admin/kabupaten/hotspot/kemiren-mt",
          "/admin/kabupaten/desa",
          "/admin/kabupaten/desa/kemiren",
          "/api/admin/v1/overview",
          "/api/admin/v1/kabupaten/villages",
          "/api/admin/v1/kabupaten/nas-clients",
          "/api/admin/v1/kabupaten/admins",
          "/api/admin/v1/kabupaten/audit");

  /** Every kabupaten-only API call that changes something: method and path. */
  static final String[][] KABUPATEN_API_CHANGES =
      new String[][] {
        {"POST", "/api/admin/v1/kabupaten/villages"},
        {"PUT", "/api/admin/v1/kabupaten/villages/kemiren"},
        {"DELETE", "/api/admin/v1/kabupaten/villages/kemiren"},
        {"POST", "/api/admin/v1/kabupaten/nas-clients"},
        {"PUT", "/api/admin/v1/kabupaten/nas-clients/kemiren-mt"},
        {"DELETE", "/api/admin/v1/kabupaten/nas-clients/kemiren-mt"},
        {"POST", "/api/admin/v1/kabupaten/admins"},
        {"PUT", "/api/admin/v1/kabupaten/admins/admin"},
        {"DELETE", "/api/admin/v1/kabupaten/admins/admin"}
      };

  /**
   * Every API route the portal mounts is tried by the 403 test above (only /me is for everyone
   * signed in), so a new endpoint cannot skip the authorization check unnoticed.
   */
  @Test
  void the403TestTriesEveryApiRoute() {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      io.vertx.ext.web.Router router = io.vertx.ext.web.Router.router(vertx);
      AdminRoutes.mount(
          router,
          AdminParts.create(
              vertx,
              new AdminSetup(h.live, h.admin, AdminHarness.HASHER),
              h.stores,
              h.clock,
              new org.smartkampung.portal.security.StateSigner(new byte[32], h.clock)));
      List<String> tried = new java.util.ArrayList<>();
      VILLAGE_GETS.forEach(p -> tried.add("GET " + p.formatted("tamansari")));
      VILLAGE_API_CHANGES.forEach(c -> tried.add(c[0] + " " + c[1].formatted("tamansari")));
      KABUPATEN_GETS.forEach(p -> tried.add("GET " + p));
      for (String[] c : KABUPATEN_API_CHANGES) {
        tried.add(c[0] + " " + c[1]);
      }
      int checked = 0;
      for (io.vertx.ext.web.Route route : router.getRoutes()) {
        String path = route.getPath();
        if (path == null
            || !path.startsWith(AdminRoutes.API + "/")
            || path.endsWith("/")
            || path.endsWith("/*")
            || route.methods() == null
            || path.equals(AdminRoutes.API + "/me")) {
          continue;
        }
        for (io.vertx.core.http.HttpMethod method : route.methods()) {
          java.util.regex.Pattern pattern =
              java.util.regex.Pattern.compile(
                  method.name() + " " + path.replaceAll(":\\w+", "[^/?]+") + "(\\?.*)?");
          assertThat(tried).as(method + " " + path).anyMatch(t -> pattern.matcher(t).matches());
          checked++;
        }
      }
      // Every API route but /me: a route parsed away by mistake would lower the count.
      assertThat(checked).isEqualTo(31);
    } finally {
      vertx.close();
    }
  }

  @Test
  void aDesaAdminGets403OnEveryRouteOfAnotherVillageKnownOrNot() {
    AdminHarness.Client budi = budi();
    String csrf = budi.csrf("/admin/desa/kemiren/kuota");
    for (String other : List.of("tamansari", "atlantis")) {
      for (String path : VILLAGE_GETS) {
        assertThat(budi.get(path.formatted(other)).statusCode()).as(path).isEqualTo(403);
        assertThat(budi.get(path.formatted("kemiren")).statusCode()).as(path).isEqualTo(200);
      }
      for (String path : VILLAGE_POSTS) {
        assertThat(budi.post(path.formatted(other), form("csrf", csrf, "count", "1")).statusCode())
            .as(path)
            .isEqualTo(403);
      }
      for (String[] call : VILLAGE_API_CHANGES) {
        assertThat(budi.json(call[0], call[1].formatted(other), "{}", csrf).statusCode())
            .as(call[0] + " " + call[1])
            .isEqualTo(403);
      }
    }
    for (String kabupaten : KABUPATEN_GETS) {
      assertThat(budi.get(kabupaten).statusCode()).as(kabupaten).isEqualTo(403);
    }
    for (String kabupaten :
        List.of(
            "/admin/kabupaten/admin",
            "/admin/kabupaten/admin/budi/sandi",
            "/admin/kabupaten/admin/admin/status",
            "/admin/kabupaten/admin/admin/hapus",
            "/admin/kabupaten/desa",
            "/admin/kabupaten/desa/kemiren",
            "/admin/kabupaten/desa/kemiren/hapus",
            "/admin/kabupaten/hotspot",
            "/admin/kabupaten/hotspot/kemiren-mt",
            "/admin/kabupaten/hotspot/kemiren-mt/hapus")) {
      assertThat(
              budi.post(
                      kabupaten,
                      form(
                          "csrf",
                          csrf,
                          "password",
                          "x",
                          "id",
                          "evil",
                          "name",
                          "evil",
                          "enabled",
                          "tidak"))
                  .statusCode())
          .as(kabupaten)
          .isEqualTo(403);
    }
    for (String[] call : KABUPATEN_API_CHANGES) {
      assertThat(budi.json(call[0], call[1], "{\"name\":\"evil\"}", csrf).statusCode())
          .as(call[0] + " " + call[1])
          .isEqualTo(403);
    }
    assertThat(h.admin.registry().villages()).isEmpty();
    assertThat(h.admin.registry().nasClients()).isEmpty();
    assertThat(h.admin.admins().find("admin")).isPresent();
    assertThat(h.admin.admins().find("admin").orElseThrow().disabled()).isFalse();
    assertThat(h.admin.landingContent().find("tamansari").links()).isEmpty();
    assertThat(h.admin.villageSettings().all()).isEmpty();
    assertThat(h.stores.vouchers().listByVillage("tamansari")).isEmpty();
  }

  @Test
  void theKabupatenOperatorSeesEveryVillageAndUnknownOnesAre404() {
    AdminHarness.Client admin = h.client();
    admin.signIn("admin", AdminHarness.ADMIN_PASSWORD);

    assertThat(admin.get("/admin/desa/tamansari/kuota").statusCode()).isEqualTo(200);
    assertThat(admin.get("/admin/desa/atlantis").statusCode()).isEqualTo(404);
    HttpResponse<String> overview = admin.get("/admin/kabupaten");
    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(overview.body()).contains("Kemiren").contains("Tamansari");
  }

  @Test
  void aFormPostWithoutOrWithAForeignCsrfTokenIs403AndChangesNothing() {
    AdminHarness.Client budi = budi();
    AdminHarness.Client admin = h.client();
    admin.signIn("admin", AdminHarness.ADMIN_PASSWORD);
    String adminsToken = admin.csrf("/admin/desa/kemiren/kuota");

    assertThat(budi.post("/admin/desa/kemiren/kuota", form("userDailyMb", "750")).statusCode())
        .isEqualTo(403);
    assertThat(
            budi.post("/admin/desa/kemiren/kuota", form("csrf", adminsToken, "userDailyMb", "750"))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            budi.json(
                    "PUT", "/api/admin/v1/villages/kemiren/settings", "{\"userDailyMb\":750}", null)
                .statusCode())
        .isEqualTo(403);
    assertThat(h.admin.villageSettings().all()).isEmpty();
  }

  @Test
  void savingTheDailyQuotaAppliesToTheNextLimitsLookupAndIsAudited() {
    AdminHarness.Client budi = budi();
    String csrf = budi.csrf("/admin/desa/kemiren/kuota");
    Map<String, String> values = quotaForm(csrf);
    values.put("userDailyMb", "750");

    HttpResponse<String> r = budi.post("/admin/desa/kemiren/kuota", values);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Kuota tersimpan");
    assertThat(h.limits.limitsFor("kemiren", "sari").userDailyBytes()).isEqualTo(750_000_000L);
    assertThat(h.limits.limitsFor("tamansari", "sari").userDailyBytes()).isEqualTo(500_000_000L);
    VillageSettings saved = h.admin.villageSettings().find("kemiren").orElseThrow();
    assertThat(saved.updatedBy()).isEqualTo("budi");
    AuditEntry entry = h.admin.audit().newest(1).get(0);
    assertThat(entry.action()).isEqualTo("quota.update");
    assertThat(entry.actor()).isEqualTo("budi");
    assertThat(entry.before()).contains("userDailyMb=500");
    assertThat(entry.after()).contains("userDailyMb=750");
  }

  @Test
  void openingHoursSavedInTheConsoleApplyToTheNextVillagerLoginWithoutARestart() {
    AdminHarness.Client budi = budi();
    Map<String, String> values = quotaForm(budi.csrf("/admin/desa/kemiren/kuota"));
    // The harness clock stands at 19:00 WIB.
    values.put("openingHours", "07.00-17.00");
    assertThat(budi.post("/admin/desa/kemiren/kuota", values).body()).contains("Kuota tersimpan");

    AdminHarness.Client villager = h.client();
    String landing = villager.get("/").body();
    HttpResponse<String> login =
        villager.post("/masuk/gratis", form("s", PortalHarness.state(landing), "setuju", "on"));

    assertThat(landing).contains("07.00-17.00 WIB");
    assertThat(login.body()).contains("Di luar jam layanan").contains("07.00-17.00 WIB");
    assertThat(h.stores.tokens).isEmpty();
  }

  @Test
  void absurdQuotasReRenderWithIndonesianMessagesNextToTheFieldsAndSaveNothing() {
    AdminHarness.Client budi = budi();
    String csrf = budi.csrf("/admin/desa/kemiren/kuota");
    Map<String, String> values = quotaForm(csrf);
    values.put("userDailyMb", "-5");
    values.put("userDailyMinutes", "99999");
    values.put("maxDevicesPerUser", "dua");
    values.put("openingHours", "sore");

    HttpResponse<String> r = budi.post("/admin/desa/kemiren/kuota", values);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("id=\"userDailyMb-error\">Harus antara 1 dan 10.000.000.")
        .contains("id=\"userDailyMinutes-error\">Harus antara 1 dan 1440.")
        .contains("id=\"maxDevicesPerUser-error\">Isi dengan angka bulat")
        .contains("id=\"openingHours-error\">Tulis jam buka seperti 16.00-23.00.")
        .contains("value=\"-5\"");
    assertThat(h.admin.villageSettings().all()).isEmpty();
    assertThat(h.limits.limitsFor("kemiren", "sari").userDailyBytes()).isEqualTo(500_000_000L);
  }

  @Test
  void aVoucherBatchIsCreatedListedPrintedAndCanBeRevoked() {
    AdminHarness.Client budi = budi();
    String csrf = budi.csrf("/admin/desa/kemiren/voucher");

    HttpResponse<String> made =
        budi.post(
            "/admin/desa/kemiren/voucher",
            form(
                "csrf",
                csrf,
                "count",
                "6",
                "validityDays",
                "30",
                "megabytes",
                "1000",
                "minutes",
                "0",
                "maxDevices",
                "1"));

    assertThat(made.statusCode()).isEqualTo(303);
    List<Voucher> vouchers = h.stores.vouchers().listByVillage("kemiren");
    assertThat(vouchers).hasSize(6);
    String sheet = budi.get(made.headers().firstValue("Location").orElseThrow()).body();
    assertThat(sheet).contains("WiFi Desa Kemiren").contains("class=\"voucher-card\"");
    for (Voucher v : vouchers) {
      assertThat(sheet).contains(v.code().substring(0, 5) + "-" + v.code().substring(5));
    }
    String code = vouchers.get(0).code();
    assertThat(
            budi.post("/admin/desa/kemiren/voucher/cabut", form("csrf", csrf, "code", code))
                .statusCode())
        .isEqualTo(303);
    assertThat(h.stores.vouchers().find(code).orElseThrow().status())
        .isEqualTo(VoucherStatus.REVOKED);
    assertThat(budi.get("/admin/desa/kemiren/voucher").body())
        .contains("Dicabut")
        .contains("Belum dipakai");
  }

  @Test
  void theApiRevokesAVoucherOfItsVillageOnlyWithThePrintedCodeAndAuditsIt() {
    AdminHarness.Client budi = budi();
    String csrf =
        new io.vertx.core.json.JsonObject(budi.get("/api/admin/v1/me").body())
            .getString("csrfToken");
    budi.json(
        "POST",
        "/api/admin/v1/villages/kemiren/vouchers",
        "{\"count\":2,\"validityDays\":30,\"megabytes\":1000,\"minutes\":0,\"maxDevices\":1}",
        csrf);
    String code = h.stores.vouchers().listByVillage("kemiren").get(0).code();
    String printed = code.substring(0, 5) + "-" + code.substring(5).toLowerCase(Locale.ROOT);

    HttpResponse<String> revoked =
        budi.json(
            "POST",
            "/api/admin/v1/villages/kemiren/vouchers/revoke",
            "{\"code\":\"" + printed + "\"}",
            csrf);

    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(new io.vertx.core.json.JsonObject(revoked.body()).getString("status"))
        .isEqualTo("REVOKED");
    assertThat(h.stores.vouchers().find(code).orElseThrow().status())
        .isEqualTo(VoucherStatus.REVOKED);
    // The harness clock stands still, so entries of one millisecond have no order: filter.
    assertThat(h.admin.audit().newest(10))
        .filteredOn(e -> e.action().equals("voucher.revoke"))
        .singleElement()
        .satisfies(e -> assertThat(e.target()).isEqualTo(code));
    HttpResponse<String> unknown =
        budi.json(
            "POST", "/api/admin/v1/villages/kemiren/vouchers/revoke", "{\"code\":\"XX\"}", csrf);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("Voucher tidak ditemukan di desa ini.");

    // A Tamansari code through Kemiren's path: not found, and not revoked.
    AdminHarness.Client admin = h.client();
    admin.signIn("admin", AdminHarness.ADMIN_PASSWORD);
    String adminCsrf =
        new io.vertx.core.json.JsonObject(admin.get("/api/admin/v1/me").body())
            .getString("csrfToken");
    admin.json(
        "POST",
        "/api/admin/v1/villages/tamansari/vouchers",
        "{\"count\":1,\"validityDays\":30,\"megabytes\":1000,\"minutes\":0,\"maxDevices\":1}",
        adminCsrf);
    String other = h.stores.vouchers().listByVillage("tamansari").get(0).code();
    assertThat(
            budi.json(
                    "POST",
                    "/api/admin/v1/villages/kemiren/vouchers/revoke",
                    "{\"code\":\"" + other + "\"}",
                    csrf)
                .statusCode())
        .isEqualTo(404);
    assertThat(h.stores.vouchers().find(other).orElseThrow().status())
        .isNotEqualTo(VoucherStatus.REVOKED);
  }

  @Test
  void absurdVoucherBatchesAreRefusedWithMessagesAndStoreNothing() {
    AdminHarness.Client budi = budi();
    String csrf = budi.csrf("/admin/desa/kemiren/voucher");

    HttpResponse<String> r =
        budi.post(
            "/admin/desa/kemiren/voucher",
            form(
                "csrf",
                csrf,
                "count",
                "100000",
                "validityDays",
                "0",
                "megabytes",
                "x",
                "minutes",
                "0",
                "maxDevices",
                "1"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("id=\"count-error\">Harus antara 1 dan 500.")
        .contains("id=\"validityDays-error\">Harus antara 1 dan 366.")
        .contains("id=\"megabytes-error\">Isi dengan angka bulat");
    assertThat(h.stores.vouchers().listByVillage("kemiren")).isEmpty();
  }

  @Test
  void kickQueuesADisconnectForTheRadiusRoleAndTheResultShowsOnThePlainSessionList()
      throws Exception {
    Instant now = h.clock.instant();
    h.stores.sessions().put(session("kemiren-mt/abc", "kemiren", now));
    h.stores.sessions().put(session("tamansari-mt/xyz", "tamansari", now));
    AdminHarness.Client budi = budi();
    String csrf = budi.csrf("/admin/desa/kemiren/sesi");
    assertThat(budi.get("/admin/desa/kemiren/sesi").body())
        .contains("3c:5a:b4:01:02:03")
        .contains("kemiren-mt");

    assertThat(
            budi.post(
                    "/admin/desa/kemiren/sesi/putus",
                    form("csrf", csrf, "session", "tamansari-mt/xyz"))
                .statusCode())
        .isEqualTo(403);
    HttpResponse<String> kicked =
        budi.post(
            "/admin/desa/kemiren/sesi/putus", form("csrf", csrf, "session", "kemiren-mt/abc"));

    assertThat(kicked.statusCode()).isEqualTo(303);
    Optional<KickRequest> request = h.stores.sessionCommands().nextKick(Duration.ofSeconds(2));
    assertThat(request)
        .hasValueSatisfying(k -> assertThat(k.sessionId()).isEqualTo("kemiren-mt/abc"));
    assertThat(h.stores.sessionCommands().nextKick(Duration.ofMillis(100))).isEmpty();
    String resultPage = kicked.headers().firstValue("Location").orElseThrow();
    assertThat(resultPage).isEqualTo("/admin/desa/kemiren/sesi");
    assertThat(budi.get(resultPage).body())
        .contains("id=\"kick-result\"")
        .contains("sedang diproses");
    assertThat(budi.get("/admin/desa/kemiren/sesi").body()).contains("sedang diproses");
    AdminHarness.Client other = h.client();
    other.signIn("budi", AdminHarness.BUDI_PASSWORD);
    assertThat(other.get("/admin/desa/kemiren/sesi").body()).doesNotContain("id=\"kick-result\"");

    h.stores
        .sessionCommands()
        .recordResult(
            new KickResult(
                request.get().id(), "kemiren-mt/abc", KickResult.Outcome.DISCONNECTED, "", now));

    assertThat(budi.get(resultPage).body()).contains("Sesi sudah diputus oleh hotspot.");
    assertThat(budi.get(resultPage).body())
        .as("the flash is shown once the hotspot has answered, then gone")
        .doesNotContain("id=\"kick-result\"");
  }

  @Test
  void savingTheQuotaAsksTheRadiusRoleForNewLimitsOfRunningSessionsAndShowsTheOutcome()
      throws Exception {
    AdminHarness.Client budi = budi();
    String csrf = budi.csrf("/admin/desa/kemiren/kuota");

    HttpResponse<String> saved = budi.post("/admin/desa/kemiren/kuota", quotaForm(csrf));

    assertThat(saved.statusCode()).isEqualTo(200);
    Optional<LimitsRequest> request = h.stores.sessionCommands().nextLimits(Duration.ofSeconds(2));
    assertThat(request)
        .hasValueSatisfying(
            r -> {
              assertThat(r.villageId()).isEqualTo("kemiren");
              assertThat(r.forOneUser()).isFalse();
              assertThat(r.requestedBy()).isEqualTo("budi");
            });
    assertThat(saved.body()).contains("Batas baru sedang dikirim ke sesi yang berjalan");
    String resultPage = "/admin/desa/kemiren/kuota?coa=" + request.get().id();
    assertThat(saved.body()).contains(resultPage);

    h.stores
        .sessionCommands()
        .recordLimitsResult(
            new LimitsResult(request.get().id(), "kemiren", 4, 3, 2, 0, 0, 1, h.clock.instant()));

    assertThat(budi.get(resultPage).body())
        .contains("Batas baru dikirim ke 3 sesi berjalan lewat CoA (2 berhasil).")
        .contains(
            "1 sesi di hotspot tanpa CoA mendapat batas baru pada Interim-Update berikutnya.");
    // Another village's result id reads as still pending.
    h.stores
        .sessionCommands()
        .recordLimitsResult(
            new LimitsResult("other", "tamansari", 9, 9, 9, 0, 0, 0, h.clock.instant()));
    assertThat(budi.get("/admin/desa/kemiren/kuota?coa=other").body())
        .contains("sedang dikirim")
        .doesNotContain("9 sesi");
  }

  @Test
  void changingASubscribersOverrideAsksForNewLimitsOfThatSubscriberOnly() throws Exception {
    h.stores
        .subscribers()
        .create(
            new org.smartkampung.core.subscriber.Subscriber(
                "joko", "kemiren", "x", "Joko", true, null));
    AdminHarness.Client budi = budi();
    String csrf = budi.csrf("/admin/desa/kemiren/pelanggan/joko");

    HttpResponse<String> unchanged =
        budi.post(
            "/admin/desa/kemiren/pelanggan/joko/sandi",
            form("csrf", csrf, "password", "sandi-baru-123"));
    assertThat(unchanged.statusCode()).isEqualTo(303);
    assertThat(h.stores.sessionCommands().nextLimits(Duration.ofMillis(200))).isEmpty();

    HttpResponse<String> changed =
        budi.post(
            "/admin/desa/kemiren/pelanggan/joko/kuota",
            form("csrf", csrf, "userRateDownKbps", "8192", "userRateUpKbps", "2048"));

    assertThat(changed.statusCode()).isEqualTo(303);
    LimitsRequest request =
        h.stores.sessionCommands().nextLimits(Duration.ofSeconds(2)).orElseThrow();
    assertThat(request.userId()).isEqualTo("joko");
    assertThat(request.villageId()).isEqualTo("kemiren");
    String location = changed.headers().firstValue("Location").orElseThrow();
    assertThat(location).endsWith("&coa=" + request.id());
    h.stores
        .sessionCommands()
        .recordLimitsResult(
            new LimitsResult(request.id(), "kemiren", 1, 1, 1, 0, 0, 0, h.clock.instant()));
    assertThat(budi.get(location).body())
        .contains("Batas baru dikirim ke 1 sesi berjalan lewat CoA (1 berhasil).");
  }

  @Test
  void theApiAnswersWithTheLimitsRequestAndReadsItsResultOnlyInItsVillage() throws Exception {
    AdminHarness.Client budi = budi();
    String csrf = budi.csrf("/admin/desa/kemiren/kuota");

    HttpResponse<String> saved =
        budi.json("PUT", "/api/admin/v1/villages/kemiren/settings", "{\"userDailyMb\":750}", csrf);

    assertThat(saved.statusCode()).isEqualTo(200);
    String id = new io.vertx.core.json.JsonObject(saved.body()).getString("limitsRequest");
    assertThat(h.stores.sessionCommands().nextLimits(Duration.ofSeconds(2)))
        .hasValueSatisfying(r -> assertThat(r.id()).isEqualTo(id));
    String base = "/api/admin/v1/villages/kemiren/limits/";
    assertThat(budi.get(base + id).body())
        .isEqualTo("{\"requestId\":\"" + id + "\",\"status\":\"PENDING\"}");
    h.stores
        .sessionCommands()
        .recordLimitsResult(new LimitsResult(id, "kemiren", 2, 2, 1, 0, 0, 0, h.clock.instant()));
    h.stores
        .sessionCommands()
        .recordLimitsResult(
            new LimitsResult("l-2", "tamansari", 1, 1, 1, 0, 0, 0, h.clock.instant()));

    io.vertx.core.json.JsonObject done =
        new io.vertx.core.json.JsonObject(budi.get(base + id).body());
    assertThat(done.getString("status")).isEqualTo("DONE");
    assertThat(done.getInteger("coaSent")).isEqualTo(2);
    assertThat(done.getInteger("coaAcknowledged")).isEqualTo(1);
    assertThat(budi.get(base + "l-2").statusCode()).isEqualTo(403);
  }

  @Test
  void theApiReadsAKickResultByRequestIdOnlyInTheVillageOfItsHotspot() {
    Instant now = h.clock.instant();
    AdminHarness.Client budi = budi();
    String base = "/api/admin/v1/villages/kemiren/kicks/";

    assertThat(budi.get(base + "k-1").body())
        .isEqualTo("{\"requestId\":\"k-1\",\"status\":\"PENDING\"}");
    h.stores
        .sessionCommands()
        .recordResult(
            new KickResult(
                "k-1", "kemiren-mt/abc", KickResult.Outcome.REFUSED, "Error-Cause 503", now));
    h.stores
        .sessionCommands()
        .recordResult(
            new KickResult("k-2", "tamansari-mt/xyz", KickResult.Outcome.DISCONNECTED, "", now));

    io.vertx.core.json.JsonObject done =
        new io.vertx.core.json.JsonObject(budi.get(base + "k-1").body());
    assertThat(done.getString("status")).isEqualTo("REFUSED");
    assertThat(done.getString("sessionId")).isEqualTo("kemiren-mt/abc");
    assertThat(done.getString("detail")).isEqualTo("Error-Cause 503");
    assertThat(done.getString("finishedAt")).isEqualTo(now.toString());
    assertThat(budi.get(base + "k-2").statusCode()).isEqualTo(403);
    assertThat(budi.get("/api/admin/v1/villages/tamansari/kicks/k-2").statusCode()).isEqualTo(403);
    // The HTML page hides another village's result the same way.
    assertThat(budi.get("/admin/desa/kemiren/sesi?putus=k-2").body())
        .doesNotContain("Sesi sudah diputus");
  }

  @Test
  void theApiSavesSettingsWithTheCsrfHeaderAndRefusesBadValuesPerField() {
    AdminHarness.Client budi = budi();
    String csrf =
        new io.vertx.core.json.JsonObject(budi.get("/api/admin/v1/me").body())
            .getString("csrfToken");

    HttpResponse<String> bad =
        budi.json("PUT", "/api/admin/v1/villages/kemiren/settings", "{\"userDailyMb\":-1}", csrf);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("userDailyMb");
    assertThat(h.admin.villageSettings().all()).isEmpty();

    HttpResponse<String> ok =
        budi.json(
            "PUT",
            "/api/admin/v1/villages/kemiren/settings",
            "{\"userDailyMb\":300,\"openingHours\":\"16:00-23:00\"}",
            csrf);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(h.limits.limitsFor("kemiren", "sari").userDailyBytes()).isEqualTo(300_000_000L);
  }

  @Test
  void theOverviewSortsServerSideAndExportsCsv() {
    AdminHarness.Client admin = h.client();
    admin.signIn("admin", AdminHarness.ADMIN_PASSWORD);
    h.stores.sessions().put(session("kemiren-mt/abc", "kemiren", h.clock.instant()));

    String bySessions = admin.get("/admin/kabupaten?urut=anggaran").body();
    assertThat(bySessions.indexOf("Tamansari")).isLessThan(bySessions.indexOf("Kemiren"));
    HttpResponse<String> csv = admin.get("/admin/kabupaten/csv?urut=sesi");
    assertThat(csv.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[1]).startsWith("kemiren,Kemiren,Glagah,ya,2,1,");
    assertThat(lines[2]).startsWith("tamansari,Tamansari,Licin,tidak,0,0,").endsWith(",ya");
  }

  private static Session session(String id, String village, Instant now) {
    return new Session(
        id,
        village,
        "sari",
        "3c:5a:b4:01:02:03",
        village + "-mt",
        "10.5.50.1",
        id.substring(id.indexOf('/') + 1),
        "10.5.50.23",
        now.minusSeconds(600),
        now,
        40_000_000,
        2_000_000,
        1_500_000);
  }

  private static Map<String, String> quotaForm(String csrf) {
    return new java.util.LinkedHashMap<>(
        form(
            "csrf", csrf,
            "downlinkMbps", "50",
            "uplinkMbps", "10",
            "monthlyGb", "1000",
            "budgetYear", "2026",
            "budgetRupiah", "12000000",
            "userDailyMb", "500",
            "userDailyMinutes", "120",
            "userRateDownKbps", "2048",
            "userRateUpKbps", "512",
            "maxDevicesPerUser", "2",
            "openingHours", "00:00-00:00"));
  }
}
