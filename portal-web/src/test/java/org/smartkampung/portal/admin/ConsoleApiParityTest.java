package org.smartkampung.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.portal.testing.PortalHarness.form;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.session.Session;

/** The console and the JSON API are two doors to one action: same rule, same audit entry. */
class ConsoleApiParityTest {

  AdminHarness h;
  AdminHarness.Client budi;
  String formCsrf;
  String apiCsrf;

  @BeforeEach
  void start() throws Exception {
    h = new AdminHarness();
    budi = h.client();
    budi.signIn("budi", AdminHarness.BUDI_PASSWORD);
    formCsrf = budi.csrf("/admin/desa/kemiren/sesi");
    apiCsrf = new JsonObject(budi.get("/api/admin/v1/me").body()).getString("csrfToken");
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private AuditEntry newest() {
    return h.admin.audit().newest(1).get(0);
  }

  @Test
  void aKickThroughTheConsoleAndThroughTheApiLeaveTheSameAuditEntry() {
    Instant now = h.clock.instant();
    h.stores.sessions().put(session("kemiren-mt/one", now));
    h.stores.sessions().put(session("kemiren-mt/two", now));

    assertThat(
            budi.post(
                    "/admin/desa/kemiren/sesi/putus",
                    form("csrf", formCsrf, "session", "kemiren-mt/one"))
                .statusCode())
        .isEqualTo(303);
    AuditEntry console = newest();
    h.clock.advance(java.time.Duration.ofSeconds(1));
    var api =
        budi.json(
            "POST",
            "/api/admin/v1/villages/kemiren/sessions/kick",
            "{\"session\":\"kemiren-mt/two\"}",
            apiCsrf);
    assertThat(api.statusCode()).isEqualTo(202);
    AuditEntry viaApi = newest();

    String apiRequest = new JsonObject(api.body()).getString("requestId");
    assertThat(viaApi.after()).isEqualTo("request " + apiRequest);
    assertThat(List.of(viaApi.action(), viaApi.actor(), viaApi.villageId(), viaApi.before()))
        .isEqualTo(
            List.of(console.action(), console.actor(), console.villageId(), console.before()))
        .containsExactly("session.kick", "budi", "kemiren", "sari 3c:5a:b4:01:02:03");
    assertThat(console.after()).startsWith("request ");
    assertThat(h.admin.audit().newest(10)).hasSize(2);
  }

  @Test
  void theSameVoucherBatchThroughTheConsoleAndThroughTheApiLeavesTheSameAuditEntry() {
    String csrf = budi.csrf("/admin/desa/kemiren/voucher");
    assertThat(
            budi.post(
                    "/admin/desa/kemiren/voucher",
                    form(
                        "csrf",
                        csrf,
                        "count",
                        "3",
                        "validityDays",
                        "7",
                        "megabytes",
                        "2000",
                        "minutes",
                        "90",
                        "maxDevices",
                        "2"))
                .statusCode())
        .isEqualTo(303);
    AuditEntry console = newest();
    h.clock.advance(java.time.Duration.ofSeconds(1));
    assertThat(
            budi.json(
                    "POST",
                    "/api/admin/v1/villages/kemiren/vouchers",
                    "{\"count\":3,\"validityDays\":7,\"megabytes\":2000,\"minutes\":90,"
                        + "\"maxDevices\":2}",
                    apiCsrf)
                .statusCode())
        .isEqualTo(201);
    AuditEntry viaApi = newest();

    assertThat(List.of(viaApi.action(), viaApi.actor(), viaApi.before(), viaApi.after()))
        .isEqualTo(List.of(console.action(), console.actor(), console.before(), console.after()))
        .containsExactly(
            "voucher.create", "budi", "", "3 voucher, 7 hari, 2000 MB, 90 menit, 2 perangkat");
    assertThat(viaApi.target()).isNotEqualTo(console.target());
    assertThat(h.admin.audit().newest(10)).hasSize(2);
  }

  private static Session session(String id, Instant now) {
    return new Session(
        id,
        "kemiren",
        "sari",
        "3c:5a:b4:01:02:03",
        "kemiren-mt",
        "10.5.50.1",
        id.substring(id.indexOf('/') + 1),
        "10.5.50.23",
        now.minusSeconds(600),
        now,
        40_000_000,
        2_000_000,
        1_500_000);
  }
}
