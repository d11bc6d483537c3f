package org.smartkampung.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.portal.testing.PortalHarness.form;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AdminRole;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.subscriber.PasswordHasher;

class AdminAccountPagesTest {

  AdminHarness h;
  AdminHarness.Client admin;
  String csrf;

  @BeforeEach
  void start() throws Exception {
    h = new AdminHarness();
    admin = h.client();
    assertThat(admin.signIn("admin", AdminHarness.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
    csrf = admin.csrf("/admin/kabupaten/admin");
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private HttpResponse<String> create(String username, String village, String password) {
    return admin.post(
        "/admin/kabupaten/admin",
        form("csrf", csrf, "username", username, "village", village, "password", password));
  }

  @Test
  void theOperatorCreatesADesaAdminWhoCanSignInToTheirVillageOnlyAndItIsAuditedWithoutPassword() {
    HttpResponse<String> made = create("Sari.Desa", "tamansari", "kopi-tamansari-1");

    assertThat(made.statusCode()).isEqualTo(303);
    assertThat(made.headers().firstValue("Location"))
        .contains("/admin/kabupaten/admin?selesai=dibuat");
    AdminAccount sari = h.admin.admins().find("sari.desa").orElseThrow();
    assertThat(sari.role()).isEqualTo(AdminRole.DESA);
    assertThat(sari.villageId()).isEqualTo("tamansari");
    assertThat(PasswordHasher.verify("kopi-tamansari-1", sari.passwordHash())).isTrue();
    assertThat(admin.get("/admin/kabupaten/admin?selesai=dibuat").body())
        .contains("id=\"done\"")
        .contains("<td>sari.desa</td>")
        .contains("<td>budi</td>");

    AdminHarness.Client newcomer = h.client();
    assertThat(newcomer.signIn("sari.desa", "kopi-tamansari-1").headers().firstValue("Location"))
        .contains("/admin/desa/tamansari");
    assertThat(newcomer.get("/admin/desa/tamansari").statusCode()).isEqualTo(200);
    assertThat(newcomer.get("/admin/desa/kemiren").statusCode()).isEqualTo(403);

    AuditEntry entry = h.admin.audit().newest(1).get(0);
    assertThat(entry.action()).isEqualTo("admin.create");
    assertThat(entry.actor()).isEqualTo("admin");
    assertThat(entry.target()).isEqualTo("sari.desa");
    assertThat(entry.after()).contains("tamansari").doesNotContain("kopi-tamansari-1");
    assertThat(entry.before() + entry.after()).doesNotContain(sari.passwordHash());
  }

  @Test
  void badAccountsAreRefusedWithIndonesianMessagesNextToTheFieldsAndNothingIsSaved() {
    int before = h.admin.admins().list().size();

    HttpResponse<String> taken = create("budi", "kemiren", "kopi-kemiren-22");
    assertThat(taken.statusCode()).isEqualTo(400);
    assertThat(taken.body())
        .contains("id=\"username-error\">Nama pengguna ini sudah dipakai.")
        .contains("Ada isian yang perlu diperbaiki");

    HttpResponse<String> unknown = create("wati", "atlantis", "kopi-kemiren-22");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("id=\"village-error\">Desa ini tidak dikenal.");

    HttpResponse<String> bad = create("-x", "", "pendek");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("id=\"username-error\">Nama pengguna hanya boleh huruf kecil")
        .contains("id=\"village-error\">Wajib diisi.")
        .contains("id=\"password-error\">Kata sandi baru minimal 10 karakter.");

    assertThat(h.admin.admins().list()).hasSize(before);
    assertThat(h.admin.audit().newest(10)).isEmpty();
    assertThat(h.admin.admins().find("budi").orElseThrow().villageId()).isEqualTo("kemiren");
  }

  @Test
  void theOperatorResetsADesaAdminsPasswordButNotAnOperatorsAndTheResetIsAudited() {
    AdminHarness.Client budiBefore = h.client();
    budiBefore.signIn("budi", AdminHarness.BUDI_PASSWORD);
    assertThat(budiBefore.get("/admin/desa/kemiren").statusCode()).isEqualTo(200);

    HttpResponse<String> reset =
        admin.post(
            "/admin/kabupaten/admin/budi/sandi", form("csrf", csrf, "password", "sandi-baru-budi"));

    assertThat(reset.statusCode()).isEqualTo(303);
    AdminAccount budi = h.admin.admins().find("budi").orElseThrow();
    assertThat(PasswordHasher.verify("sandi-baru-budi", budi.passwordHash())).isTrue();
    assertThat(h.client().signIn("budi", AdminHarness.BUDI_PASSWORD).statusCode()).isEqualTo(401);
    assertThat(h.client().signIn("budi", "sandi-baru-budi").statusCode()).isEqualTo(303);
    // Sessions are bound to the password: the reset signs out a session that may be a thief's.
    assertThat(budiBefore.get("/admin/desa/kemiren").statusCode()).isEqualTo(303);
    AuditEntry entry = h.admin.audit().newest(1).get(0);
    assertThat(entry.action()).isEqualTo("admin.passwordReset");
    assertThat(entry.target()).isEqualTo("budi");
    assertThat(entry.before() + entry.after()).isEmpty();

    HttpResponse<String> tooShort =
        admin.post("/admin/kabupaten/admin/budi/sandi", form("csrf", csrf, "password", "pendek"));
    assertThat(tooShort.statusCode()).isEqualTo(400);
    assertThat(tooShort.body()).contains("Kata sandi baru minimal 10 karakter.");
    assertThat(
            admin
                .post(
                    "/admin/kabupaten/admin/admin/sandi",
                    form("csrf", csrf, "password", "sandi-baru-admin"))
                .statusCode())
        .isEqualTo(404);
    assertThat(
            admin
                .post(
                    "/admin/kabupaten/admin/nobody/sandi",
                    form("csrf", csrf, "password", "sandi-baru-admin"))
                .statusCode())
        .isEqualTo(404);
    assertThat(h.admin.audit().newest(10)).hasSize(1);
  }

  @Test
  void hotspotsAreListedWithTheirVillageAndSecretsMasked() {
    HttpResponse<String> page = admin.get("/admin/kabupaten/hotspot");

    assertThat(page.statusCode()).isEqualTo(200);
    String kemiren = page.body().substring(page.body().indexOf("id=\"hotspots\""));
    assertThat(kemiren)
        .containsPattern(
            "<td>kemiren-mt</td><td><a href=\"/admin/desa/kemiren\">Kemiren</a></td><td>Glagah</td>"
                + "<td>[^<]*</td><td>10.5.50.1</td><td>mikrotik</td>");
    assertThat(kemiren).contains("kemiren-chilli").contains("<td>••••••et</td>");
    assertThat(page.body()).doesNotContain("radius-secret");
  }

  @Test
  void aDesaAdminGets403OnEveryAccountAndHotspotRoute() {
    AdminHarness.Client budi = h.client();
    budi.signIn("budi", AdminHarness.BUDI_PASSWORD);
    String budiCsrf = budi.csrf("/admin/desa/kemiren");
    for (String path : List.of("/admin/kabupaten/admin", "/admin/kabupaten/hotspot")) {
      assertThat(budi.get(path).statusCode()).as(path).isEqualTo(403);
    }
    assertThat(
            budi.post(
                    "/admin/kabupaten/admin",
                    form(
                        "csrf",
                        budiCsrf,
                        "username",
                        "evil",
                        "village",
                        "kemiren",
                        "password",
                        "sandi-evil-123"))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            budi.post(
                    "/admin/kabupaten/admin/budi/sandi",
                    form("csrf", budiCsrf, "password", "sandi-evil-123"))
                .statusCode())
        .isEqualTo(403);
    assertThat(h.admin.admins().find("evil")).isEmpty();
    assertThat(h.admin.audit().newest(10)).isEmpty();
  }

  @Test
  void aDisabledAdminCannotSignInAndTheirOpenSessionStopsAtTheNextRequest() {
    AdminHarness.Client budi = h.client();
    budi.signIn("budi", AdminHarness.BUDI_PASSWORD);
    assertThat(budi.get("/admin/desa/kemiren").statusCode()).isEqualTo(200);

    HttpResponse<String> off =
        admin.post("/admin/kabupaten/admin/budi/status", form("csrf", csrf, "enabled", "tidak"));

    assertThat(off.statusCode()).isEqualTo(303);
    assertThat(h.admin.admins().find("budi").orElseThrow().disabled()).isTrue();
    assertThat(budi.get("/admin/desa/kemiren").headers().firstValue("Location"))
        .contains("/admin/masuk");
    HttpResponse<String> again = h.client().signIn("budi", AdminHarness.BUDI_PASSWORD);
    assertThat(again.statusCode()).isEqualTo(403);
    assertThat(again.body()).contains("Akun ini dinonaktifkan.");
    assertThat(admin.get("/admin/kabupaten/admin").body())
        .containsPattern("id=\"status-budi\">Nonaktif");

    admin.post("/admin/kabupaten/admin/budi/status", form("csrf", csrf, "enabled", "ya"));
    assertThat(h.client().signIn("budi", AdminHarness.BUDI_PASSWORD).statusCode()).isEqualTo(303);
    assertThat(h.admin.audit().newest(10))
        .extracting(AuditEntry::action)
        .contains("admin.disable", "admin.enable");
  }

  @Test
  void nobodyDisablesOrDeletesThemselvesAndADeletedAdminIsGone() {
    HttpResponse<String> self =
        admin.post("/admin/kabupaten/admin/admin/status", form("csrf", csrf, "enabled", "tidak"));
    assertThat(self.statusCode()).isEqualTo(409);
    assertThat(self.body()).contains("tidak bisa menonaktifkan atau menghapus akun Anda sendiri");
    assertThat(admin.post("/admin/kabupaten/admin/admin/hapus", form("csrf", csrf)).statusCode())
        .isEqualTo(409);
    assertThat(h.admin.admins().find("admin").orElseThrow().disabled()).isFalse();

    assertThat(admin.post("/admin/kabupaten/admin/budi/hapus", form("csrf", csrf)).statusCode())
        .isEqualTo(303);
    assertThat(h.admin.admins().find("budi")).isEmpty();
    assertThat(h.client().signIn("budi", AdminHarness.BUDI_PASSWORD).statusCode()).isEqualTo(401);
    assertThat(h.admin.audit().newest(10)).extracting(AuditEntry::action).contains("admin.delete");
  }

  @Test
  void afterAFailedCreateOrResetTheOperatorsOwnRowStillOffersNoDisableOrDelete() {
    String selfForms = "action=\"/admin/kabupaten/admin/admin/";
    assertThat(admin.get("/admin/kabupaten/admin").body())
        .doesNotContain(selfForms)
        .contains("action=\"/admin/kabupaten/admin/budi/hapus\"");

    HttpResponse<String> failedCreate = create("budi", "kemiren", "kopi-kemiren-22");
    assertThat(failedCreate.statusCode()).isEqualTo(400);
    assertThat(failedCreate.body())
        .doesNotContain(selfForms)
        .contains("action=\"/admin/kabupaten/admin/budi/hapus\"");

    HttpResponse<String> failedReset =
        admin.post("/admin/kabupaten/admin/budi/sandi", form("csrf", csrf, "password", "x"));
    assertThat(failedReset.statusCode()).isEqualTo(400);
    assertThat(failedReset.body()).doesNotContain(selfForms);
  }

  @Test
  void anOperatorMayDisableAnotherOperatorWhoseSessionThenEnds() {
    h.admin
        .admins()
        .create(
            new AdminAccount(
                "sari",
                AdminRole.KABUPATEN,
                null,
                AdminHarness.HASHER.hash("rahasia-sari-123"),
                h.clock.instant(),
                h.clock.instant()));
    AdminHarness.Client sari = h.client();
    sari.signIn("sari", "rahasia-sari-123");
    assertThat(sari.get("/admin/kabupaten").statusCode()).isEqualTo(200);

    assertThat(
            admin
                .post("/admin/kabupaten/admin/sari/status", form("csrf", csrf, "enabled", "tidak"))
                .statusCode())
        .isEqualTo(303);

    assertThat(sari.get("/admin/kabupaten").statusCode()).isEqualTo(303);
    assertThat(
            h.admin.admins().list().stream()
                .filter(a -> a.role() == AdminRole.KABUPATEN && !a.disabled()))
        .extracting(AdminAccount::username)
        .containsExactly("admin");
  }
}
