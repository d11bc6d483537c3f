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
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasType;

/** The kabupaten operator manages villages and NAS clients in the console and the JSON API. */
class RegistryPagesTest {

  static final String SECRET = "rahasia-balai-olehsari";

  AdminHarness h;
  AdminHarness.Client admin;
  String csrf;

  @BeforeEach
  void start() throws Exception {
    h = new AdminHarness();
    admin = h.client();
    assertThat(admin.signIn("admin", AdminHarness.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
    csrf = admin.csrf("/admin/kabupaten/desa");
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  /** The newest audit entry with that action. */
  private AuditEntry audited(String action) {
    return h.admin.audit().newest(50).stream()
        .filter(e -> e.action().equals(action))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no audit entry " + action));
  }

  private HttpResponse<String> addVillage(String id, String name, String zone) {
    return admin.post(
        "/admin/kabupaten/desa",
        form(
            "csrf",
            csrf,
            "id",
            id,
            "name",
            name,
            "kecamatan",
            "Glagah",
            "timeZone",
            zone,
            "policy",
            "standar",
            "macAuth",
            "ya"));
  }

  private Map<String, String> nasForm(String... extra) {
    Map<String, String> f =
        new java.util.HashMap<>(
            form(
                "csrf",
                csrf,
                "name",
                "olehsari-balai",
                "address",
                "10.30.0.0/24",
                "secret",
                SECRET,
                "type",
                "MIKROTIK",
                "village",
                "olehsari",
                "requireMessageAuthenticator",
                "AUTO",
                "coaPort",
                "3799"));
    for (int i = 0; i < extra.length; i += 2) {
      f.put(extra[i], extra[i + 1]);
    }
    return f;
  }

  @Test
  void theOperatorAddsAVillageThenANasClientAndBothAreInForceAndAuditedWithoutTheSecret() {
    assertThat(addVillage("olehsari", "Olehsari", "Asia/Jakarta").statusCode()).isEqualTo(303);
    assertThat(h.live.current().village("olehsari").orElseThrow().macAuth()).isTrue();
    HttpResponse<String> landing = h.client().get("/desa/olehsari");
    assertThat(landing.statusCode()).isEqualTo(200);
    assertThat(landing.body()).contains("Olehsari");
    assertThat(admin.get("/admin/kabupaten/desa?selesai=created").body())
        .contains("Desa sudah ditambahkan.")
        .contains("id=\"village-olehsari\"");

    HttpResponse<String> added = admin.post("/admin/kabupaten/hotspot", nasForm());

    assertThat(added.statusCode()).isEqualTo(303);
    NasClientSettings nas =
        h.live.current().hotspots().stream()
            .filter(n -> n.name().equals("olehsari-balai"))
            .findFirst()
            .orElseThrow();
    assertThat(nas.secret()).isEqualTo(SECRET);
    assertThat(nas.requireMessageAuthenticator()).isEqualTo(MessageAuthenticatorPolicy.AUTO);
    String list = admin.get("/admin/kabupaten/hotspot").body();
    assertThat(list).contains("<td>••••••ri</td>").doesNotContain(SECRET);
    AuditEntry audit = audited("nas.create");
    assertThat(audit.after()).contains("10.30.0.0/24").doesNotContain(SECRET);
  }

  @Test
  void tambahDesaTakesThePackageAndBudgetLineWhichTheVillageThenHas() {
    Map<String, String> f =
        new java.util.HashMap<>(
            form(
                "csrf", csrf,
                "id", "olehsari",
                "name", "Olehsari",
                "kecamatan", "Glagah",
                "timeZone", "Asia/Jakarta",
                "policy", "standar",
                "downlinkMbps", "50",
                "uplinkMbps", "10",
                "monthlyGb", "1.000",
                "budgetYear", "2026",
                "budgetRupiah", "36.000.000"));
    assertThat(admin.post("/admin/kabupaten/desa", f).statusCode()).isEqualTo(303);

    org.smartkampung.core.village.VillageSettings s =
        h.admin.villageSettings().find("olehsari").orElseThrow();
    assertThat(s.bandwidthPackage().budgetRupiah()).isEqualTo(36_000_000L);
    assertThat(s.bandwidthPackage().monthlyGb()).isEqualTo(1_000L);
    assertThat(admin.get("/admin/desa/olehsari").body()).contains("Rp 36.000.000");

    f.put("id", "olehsari2");
    f.put("name", "Olehsari Dua");
    f.put("downlinkMbps", "");
    HttpResponse<String> incomplete = admin.post("/admin/kabupaten/desa", f);
    assertThat(incomplete.statusCode()).isEqualTo(400);
    assertThat(incomplete.body()).contains("id=\"downlinkMbps-error\"");
    assertThat(h.live.registry().village("olehsari2")).isEmpty();
  }

  @Test
  void aConsoleAddedCoovaChilliGetsAUamsecretThatIsKeptOnEditAndNeverShown() {
    addVillage("olehsari", "Olehsari", "Asia/Jakarta");
    String uam = "uam-rahasia-olehsari-1";
    assertThat(
            admin
                .post(
                    "/admin/kabupaten/hotspot",
                    nasForm("type", "MIKROTIK", "uamSecret", uam, "name", "olehsari-mt"))
                .body())
        .contains("id=\"uamSecret-error\"");

    HttpResponse<String> added =
        admin.post("/admin/kabupaten/hotspot", nasForm("type", "COOVACHILLI", "uamSecret", uam));
    assertThat(added.statusCode()).isEqualTo(303);
    assertThat(chilli().uamSecret()).isEqualTo(uam);
    assertThat(admin.get("/admin/kabupaten/hotspot").body()).doesNotContain(uam);
    assertThat(admin.get("/admin/kabupaten/hotspot/olehsari-balai").body())
        .doesNotContain(uam)
        .contains("id=\"uamSecret\"");
    assertThat(audited("nas.create").after())
        .contains("uamSecret=[disembunyikan]")
        .doesNotContain(uam);

    String editCsrf = admin.csrf("/admin/kabupaten/hotspot/olehsari-balai");
    Map<String, String> edit = nasForm("type", "COOVACHILLI", "secret", "", "uamSecret", "");
    edit.put("csrf", editCsrf);
    edit.remove("name");
    assertThat(admin.post("/admin/kabupaten/hotspot/olehsari-balai", edit).statusCode())
        .isEqualTo(303);
    assertThat(chilli().uamSecret()).as("an empty field keeps the uamsecret").isEqualTo(uam);
  }

  @Test
  void editingAnotherFieldKeepsTheHotspotsCertificateAndLoginHostWhichTheFormShowsAndChanges() {
    addVillage("olehsari", "Olehsari", "Asia/Jakarta");
    assertThat(
            admin
                .post(
                    "/admin/kabupaten/hotspot",
                    nasForm("certificate", "CN=olehsari-balai", "loginHost", "login.olehsari.test"))
                .statusCode())
        .isEqualTo(303);
    assertThat(chilli().certificate()).isEqualTo("CN=olehsari-balai");
    assertThat(chilli().loginHost()).isEqualTo("login.olehsari.test");
    assertThat(admin.get("/admin/kabupaten/hotspot/olehsari-balai").body())
        .contains("value=\"CN=olehsari-balai\"")
        .contains("value=\"login.olehsari.test\"");

    // An edit that only changes the CoA port (a form without the two fields, as an older page or
    // an API client sends it) keeps both.
    Map<String, String> edit = nasForm("secret", "", "coaPort", "1700");
    edit.put("csrf", admin.csrf("/admin/kabupaten/hotspot/olehsari-balai"));
    edit.remove("name");
    assertThat(admin.post("/admin/kabupaten/hotspot/olehsari-balai", edit).statusCode())
        .isEqualTo(303);
    assertThat(chilli().coaPort()).isEqualTo(1700);
    assertThat(chilli().certificate()).as("the certificate stays").isEqualTo("CN=olehsari-balai");
    assertThat(chilli().loginHost()).as("the login host stays").isEqualTo("login.olehsari.test");

    // The form changes them; a malformed certificate is refused next to its field.
    Map<String, String> bad = nasForm("secret", "", "certificate", "bukan-sertifikat");
    bad.put("csrf", admin.csrf("/admin/kabupaten/hotspot/olehsari-balai"));
    bad.remove("name");
    assertThat(admin.post("/admin/kabupaten/hotspot/olehsari-balai", bad).body())
        .contains("id=\"certificate-error\"");
    assertThat(chilli().certificate()).isEqualTo("CN=olehsari-balai");
    String fingerprint = "sha256:" + "ab".repeat(32);
    Map<String, String> change =
        nasForm("secret", "", "certificate", fingerprint, "loginHost", "10.30.0.1");
    change.put("csrf", admin.csrf("/admin/kabupaten/hotspot/olehsari-balai"));
    change.remove("name");
    assertThat(admin.post("/admin/kabupaten/hotspot/olehsari-balai", change).statusCode())
        .isEqualTo(303);
    assertThat(chilli().certificate()).isEqualTo(fingerprint);
    assertThat(chilli().loginHost()).isEqualTo("10.30.0.1");
    assertThat(h.admin.audit().newest(50))
        .anyMatch(e -> e.action().equals("nas.update") && e.after().contains(fingerprint));
  }

  @Test
  void
      aRadSecHotspotWithoutAFixedAddressIsAddedByItsCertificateAloneAndOtherwiseAnAddressIsAsked() {
    addVillage("olehsari", "Olehsari", "Asia/Jakarta");
    HttpResponse<String> neither = admin.post("/admin/kabupaten/hotspot", nasForm("address", ""));
    assertThat(neither.statusCode()).isEqualTo(400);
    assertThat(neither.body()).contains("id=\"address-error\"").contains("sertifikat RadSec");

    HttpResponse<String> added =
        admin.post(
            "/admin/kabupaten/hotspot", nasForm("address", "", "certificate", "CN=olehsari-balai"));

    assertThat(added.statusCode()).isEqualTo(303);
    assertThat(chilli().address()).isNull();
    assertThat(chilli().certificate()).isEqualTo("CN=olehsari-balai");
    assertThat(row(admin.get("/admin/kabupaten/hotspot").body(), "radsec-olehsari-balai"))
        .contains("tidak tersambung");
  }

  @Test
  void radSecHotspotsAreListedWithTheirConnectionAndWhichWayAKickGoes() {
    addVillage("olehsari", "Olehsari", "Asia/Jakarta");
    assertThat(
            admin
                .post("/admin/kabupaten/hotspot", nasForm("certificate", "CN=olehsari-balai"))
                .statusCode())
        .isEqualTo(303);

    String offline = admin.get("/admin/kabupaten/hotspot").body();
    assertThat(row(offline, "radsec-olehsari-balai"))
        .contains("tidak tersambung")
        .contains("UDP port 3799");

    java.time.Instant since = java.time.Instant.parse("2026-03-01T11:00:05Z");
    h.radSecLinks.add(
        new org.smartkampung.core.nas.RadSecLinks.Link(
            "olehsari-balai", "/100.64.81.1:40112", since, since.plusSeconds(70)));
    String online = admin.get("/admin/kabupaten/hotspot").body();
    assertThat(row(online, "radsec-olehsari-balai"))
        .contains(">tersambung<")
        .contains("01-03 18:00:05") // Jakarta time
        .contains("01-03 18:01:15")
        .contains("/100.64.81.1:40112")
        .contains("koneksi TLS hotspot ini");
  }

  /** The table row with that id. */
  private static String row(String html, String id) {
    int start = html.indexOf("<tr id=\"" + id + "\"");
    assertThat(start).as("row %s in %s", id, html).isNotNegative();
    return html.substring(start, html.indexOf("</tr>", start));
  }

  private NasClientSettings chilli() {
    return h.live.current().hotspots().stream()
        .filter(n -> n.name().equals("olehsari-balai"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyBadFieldIsShownInBahasaIndonesiaNextToItAndNothingIsSaved() {
    addVillage("olehsari", "Olehsari", "Asia/Jakarta");
    HttpResponse<String> bad =
        admin.post(
            "/admin/kabupaten/hotspot",
            nasForm(
                "name",
                "kemiren-mt",
                "address",
                "10.30.0.0/33",
                "secret",
                "pendek",
                "village",
                "atlantis",
                "coaPort",
                "99999"));

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("Ada isian yang perlu diperbaiki. Tidak ada yang disimpan.")
        .contains("id=\"name-error\">Nama ini sudah dipakai.")
        .contains("id=\"address-error\">Bukan alamat IP atau blok CIDR yang benar")
        .contains("id=\"secret-error\">Kunci rahasia minimal 16 karakter.")
        .contains("id=\"village-error\">Desa ini tidak dikenal.")
        .contains("id=\"coaPort-error\">Harus antara 1 dan 65535.")
        .contains("value=\"10.30.0.0/33\"")
        .doesNotContain("pendek");
    HttpResponse<String> badVillage = addVillage("kemiren", "", "Asia/Mars");
    assertThat(badVillage.statusCode()).isEqualTo(400);
    assertThat(badVillage.body())
        .contains("id=\"id-error\">Nama ini sudah dipakai.")
        .contains("id=\"name-error\">Wajib diisi.")
        .contains("id=\"timeZone-error\">Zona waktu tidak dikenal");
    assertThat(h.admin.registry().nasClients()).isEmpty();
    assertThat(h.admin.registry().villages()).hasSize(1);
    assertThat(h.admin.audit().newest(10)).hasSize(1);
  }

  @Test
  void aGeneratedSecretIsShownOnceAndAnEditWithAnEmptySecretKeepsIt() {
    addVillage("olehsari", "Olehsari", "Asia/Jakarta");
    HttpResponse<String> made =
        admin.post("/admin/kabupaten/hotspot", nasForm("secret", "", "generate", "ya"));

    assertThat(made.statusCode()).isEqualTo(200);
    String secret =
        made.body().replaceAll("(?s).*<code id=\"generated-secret\">([^<]+)</code>.*", "$1");
    assertThat(secret).hasSize(32);
    assertThat(h.admin.registry().nasClient("olehsari-balai").orElseThrow().secret())
        .isEqualTo(secret);
    assertThat(admin.get("/admin/kabupaten/hotspot").body()).doesNotContain(secret);
    assertThat(admin.get("/admin/kabupaten/hotspot/olehsari-balai").body()).doesNotContain(secret);

    HttpResponse<String> edited =
        admin.post(
            "/admin/kabupaten/hotspot/olehsari-balai",
            nasForm("secret", "", "address", "10.30.1.1", "type", "COOVACHILLI"));

    assertThat(edited.statusCode()).isEqualTo(303);
    NasClientSettings now = h.admin.registry().nasClient("olehsari-balai").orElseThrow();
    assertThat(now.secret()).isEqualTo(secret);
    assertThat(now.address()).isEqualTo("10.30.1.1");
    assertThat(now.type()).isEqualTo(NasType.COOVACHILLI);
    AuditEntry audit = audited("nas.update");
    assertThat(audit.before() + audit.after()).doesNotContain(secret).contains("[disembunyikan]");
  }

  @Test
  void aVillageWithNasClientsCannotBeRemovedAndFileEntriesAreReadOnly() {
    addVillage("olehsari", "Olehsari", "Asia/Jakarta");
    admin.post("/admin/kabupaten/hotspot", nasForm());

    HttpResponse<String> refused =
        admin.post("/admin/kabupaten/desa/olehsari/hapus", form("csrf", csrf));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("Desa ini masih punya hotspot.");
    assertThat(h.live.current().village("olehsari")).isPresent();

    assertThat(admin.post("/admin/kabupaten/hotspot/kemiren-mt/hapus", form("csrf", csrf)).body())
        .contains("berasal dari berkas konfigurasi");
    assertThat(admin.get("/admin/kabupaten/desa/kemiren").statusCode()).isEqualTo(409);

    assertThat(
            admin
                .post("/admin/kabupaten/hotspot/olehsari-balai/hapus", form("csrf", csrf))
                .statusCode())
        .isEqualTo(303);
    assertThat(admin.post("/admin/kabupaten/desa/olehsari/hapus", form("csrf", csrf)).statusCode())
        .isEqualTo(303);
    assertThat(h.live.current().village("olehsari")).isEmpty();
    assertThat(audited("village.remove").before()).contains("name=Olehsari");
    assertThat(audited("nas.remove").before()).contains("[disembunyikan]").doesNotContain(SECRET);
  }

  @Test
  void theJsonApiAddsEditsAndRemovesWithTheSameRules() {
    String apiCsrf = new JsonObject(admin.get("/api/admin/v1/me").body()).getString("csrfToken");
    HttpResponse<String> village =
        admin.json(
            "POST",
            "/api/admin/v1/kabupaten/villages",
            "{\"id\":\"olehsari\",\"name\":\"Olehsari\",\"kecamatan\":\"Glagah\","
                + "\"timeZone\":\"Asia/Jakarta\",\"macAuth\":true}",
            apiCsrf);
    assertThat(village.statusCode()).as(village.body()).isEqualTo(201);

    HttpResponse<String> bad =
        admin.json(
            "POST",
            "/api/admin/v1/kabupaten/nas-clients",
            "{\"name\":\"x\",\"address\":\"bukan-ip\",\"secret\":\"pendek\","
                + "\"type\":\"MIKROTIK\",\"village\":\"olehsari\","
                + "\"requireMessageAuthenticator\":\"YES\"}",
            apiCsrf);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getJsonObject("errors").fieldNames())
        .containsExactlyInAnyOrder("address", "secret");

    HttpResponse<String> made =
        admin.json(
            "POST",
            "/api/admin/v1/kabupaten/nas-clients",
            "{\"name\":\"olehsari-balai\",\"address\":\"10.30.0.1\",\"generateSecret\":true,"
                + "\"type\":\"GENERIC\",\"village\":\"olehsari\","
                + "\"requireMessageAuthenticator\":\"YES\",\"coaPort\":1700}",
            apiCsrf);
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    JsonObject json = new JsonObject(made.body());
    String secret = json.getString("generatedSecret");
    assertThat(h.admin.registry().nasClient("olehsari-balai").orElseThrow().secret())
        .isEqualTo(secret);
    assertThat(json.getString("secret")).isEqualTo(NasClientEdits.mask(secret));
    assertThat(admin.get("/api/admin/v1/kabupaten/nas-clients").body())
        .contains("olehsari-balai")
        .doesNotContain(secret)
        .doesNotContain("radius-secret");

    assertThat(
            admin
                .json("DELETE", "/api/admin/v1/kabupaten/villages/olehsari", "", apiCsrf)
                .statusCode())
        .isEqualTo(409);
    assertThat(
            admin
                .json("PUT", "/api/admin/v1/kabupaten/nas-clients/kemiren-mt", "{}", apiCsrf)
                .statusCode())
        .isEqualTo(409);
    assertThat(
            admin
                .json("DELETE", "/api/admin/v1/kabupaten/nas-clients/olehsari-balai", "", apiCsrf)
                .statusCode())
        .isEqualTo(204);
    assertThat(
            admin
                .json("DELETE", "/api/admin/v1/kabupaten/villages/olehsari", "", apiCsrf)
                .statusCode())
        .isEqualTo(204);
    assertThat(h.live.current().village("olehsari")).isEmpty();
  }
}
