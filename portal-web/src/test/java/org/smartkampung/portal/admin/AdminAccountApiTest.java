package org.smartkampung.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AdminRole;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.subscriber.PasswordHasher;

/** Admin accounts and the audit log over the JSON API, as the kabupaten operator. */
class AdminAccountApiTest {

  static final String ADMINS = "/api/admin/v1/kabupaten/admins";

  AdminHarness h;
  AdminHarness.Client admin;
  String csrf;

  @BeforeEach
  void start() throws Exception {
    h = new AdminHarness();
    admin = h.client();
    assertThat(admin.signIn("admin", AdminHarness.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
    csrf = new JsonObject(admin.get("/api/admin/v1/me").body()).getString("csrfToken");
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private HttpResponse<String> create(String username, String village, String password) {
    return admin.json(
        "POST",
        ADMINS,
        new JsonObject()
            .put("username", username)
            .put("village", village)
            .put("password", password)
            .encode(),
        csrf);
  }

  @Test
  void theOperatorListsAndCreatesADesaAdminWhoCanSignInAndItIsAuditedWithoutPassword() {
    HttpResponse<String> made = create("Sari.Desa", "tamansari", "kopi-tamansari-1");

    assertThat(made.statusCode()).isEqualTo(201);
    JsonObject json = new JsonObject(made.body());
    assertThat(json.getString("username")).isEqualTo("sari.desa");
    assertThat(json.getString("role")).isEqualTo("DESA");
    assertThat(json.getString("village")).isEqualTo("tamansari");
    assertThat(made.body()).doesNotContain("kopi-tamansari-1").doesNotContainIgnoringCase("hash");
    AdminAccount sari = h.admin.admins().find("sari.desa").orElseThrow();
    assertThat(sari.role()).isEqualTo(AdminRole.DESA);
    assertThat(PasswordHasher.verify("kopi-tamansari-1", sari.passwordHash())).isTrue();
    assertThat(h.client().signIn("sari.desa", "kopi-tamansari-1").statusCode()).isEqualTo(303);
    AuditEntry entry = h.admin.audit().newest(1).get(0);
    assertThat(entry.action()).isEqualTo("admin.create");
    assertThat(entry.actor()).isEqualTo("admin");
    assertThat(entry.before() + entry.after()).doesNotContain("kopi-tamansari-1");

    JsonArray list = new JsonObject(admin.get(ADMINS).body()).getJsonArray("admins");
    assertThat(list.stream().map(o -> ((JsonObject) o).getString("username")))
        .contains("admin", "budi", "sari.desa");
    assertThat(list.encode()).doesNotContain(sari.passwordHash());
  }

  @Test
  void badAccountsAre400WithIndonesianMessagesPerFieldAndNothingIsSaved() {
    int before = h.admin.admins().list().size();

    HttpResponse<String> taken = create("budi", "kemiren", "kopi-kemiren-22");
    assertThat(taken.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(taken.body()).getJsonObject("errors").getString("username"))
        .isEqualTo("Nama pengguna ini sudah dipakai.");

    HttpResponse<String> bad = create("-x", "", "pendek");
    JsonObject errors = new JsonObject(bad.body()).getJsonObject("errors");
    assertThat(errors.getString("username")).startsWith("Nama pengguna hanya boleh huruf kecil");
    assertThat(errors.getString("village")).isEqualTo("Wajib diisi.");
    assertThat(errors.getString("password")).isEqualTo("Kata sandi baru minimal 10 karakter.");
    assertThat(
            new JsonObject(create("wati", "atlantis", "kopi-kemiren-22").body())
                .getJsonObject("errors")
                .getString("village"))
        .isEqualTo("Desa ini tidak dikenal.");

    assertThat(h.admin.admins().list()).hasSize(before);
    assertThat(h.admin.audit().newest(10)).isEmpty();
  }

  @Test
  void disableEnableAndPasswordResetFollowThePagesRulesAndAreAudited() {
    AdminHarness.Client budi = h.client();
    budi.signIn("budi", AdminHarness.BUDI_PASSWORD);

    HttpResponse<String> off = admin.json("PUT", ADMINS + "/budi", "{\"enabled\":false}", csrf);
    assertThat(off.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(off.body()).getBoolean("disabled")).isTrue();
    assertThat(budi.get("/api/admin/v1/me").statusCode()).isEqualTo(401);

    HttpResponse<String> on =
        admin.json(
            "PUT", ADMINS + "/budi", "{\"enabled\":true,\"password\":\"sandi-baru-budi\"}", csrf);
    assertThat(on.statusCode()).isEqualTo(200);
    assertThat(h.client().signIn("budi", "sandi-baru-budi").statusCode()).isEqualTo(303);
    assertThat(h.admin.audit().newest(10))
        .extracting(AuditEntry::action)
        .containsExactlyInAnyOrder("admin.disable", "admin.enable", "admin.passwordReset");

    HttpResponse<String> self = admin.json("PUT", ADMINS + "/admin", "{\"enabled\":false}", csrf);
    assertThat(self.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(self.body()).getString("error"))
        .isEqualTo("Anda tidak bisa menonaktifkan atau menghapus akun Anda sendiri.");
    HttpResponse<String> operatorPassword =
        admin.json("PUT", ADMINS + "/admin", "{\"password\":\"sandi-baru-admin\"}", csrf);
    assertThat(operatorPassword.statusCode()).isEqualTo(400);
    assertThat(
            new JsonObject(operatorPassword.body()).getJsonObject("errors").getString("password"))
        .startsWith("Operator kabupaten mengganti kata sandinya sendiri");
    HttpResponse<String> shortPassword =
        admin.json("PUT", ADMINS + "/budi", "{\"enabled\":false,\"password\":\"pendek\"}", csrf);
    assertThat(shortPassword.statusCode()).isEqualTo(400);
    assertThat(h.admin.admins().find("budi").orElseThrow().disabled()).isFalse();
    assertThat(admin.json("PUT", ADMINS + "/nobody", "{\"enabled\":true}", csrf).statusCode())
        .isEqualTo(404);
    assertThat(h.admin.audit().newest(10)).hasSize(3);
  }

  @Test
  void deleteRemovesAnotherAdminButNeverYourself() {
    HttpResponse<String> self = admin.json("DELETE", ADMINS + "/admin", "", csrf);
    assertThat(self.statusCode()).isEqualTo(409);
    assertThat(h.admin.admins().find("admin")).isPresent();

    assertThat(admin.json("DELETE", ADMINS + "/budi", "", csrf).statusCode()).isEqualTo(204);
    assertThat(h.admin.admins().find("budi")).isEmpty();
    assertThat(h.client().signIn("budi", AdminHarness.BUDI_PASSWORD).statusCode()).isEqualTo(401);
    assertThat(h.admin.audit().newest(1).get(0).action()).isEqualTo("admin.delete");
    assertThat(admin.json("DELETE", ADMINS + "/budi", "", csrf).statusCode()).isEqualTo(404);
    assertThat(admin.json("DELETE", ADMINS + "/sari", "", null).statusCode()).isEqualTo(403);
  }

  @Test
  void theAuditLogPagesNewestFirst() {
    for (int i = 0; i < 5; i++) {
      h.clock.set(h.clock.instant().plusSeconds(1));
      create("warga" + i, "kemiren", "kopi-kemiren-22");
    }

    JsonObject first = new JsonObject(admin.get("/api/admin/v1/kabupaten/audit?limit=2").body());
    assertThat(
            first.getJsonArray("entries").stream().map(e -> ((JsonObject) e).getString("target")))
        .containsExactly("warga4", "warga3");
    assertThat(first.getBoolean("more")).isTrue();
    JsonObject last =
        new JsonObject(admin.get("/api/admin/v1/kabupaten/audit?offset=4&limit=2").body());
    assertThat(last.getJsonArray("entries").getJsonObject(0).getString("target"))
        .isEqualTo("warga0");
    assertThat(last.getJsonArray("entries").getJsonObject(0).getString("action"))
        .isEqualTo("admin.create");
    assertThat(last.getJsonArray("entries")).hasSize(1);
    assertThat(last.getBoolean("more")).isFalse();

    HttpResponse<String> bad = admin.get("/api/admin/v1/kabupaten/audit?limit=0&offset=x");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getJsonObject("errors").fieldNames())
        .containsExactlyInAnyOrder("limit", "offset");
  }
}
