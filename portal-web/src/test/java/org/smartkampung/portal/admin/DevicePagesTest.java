package org.smartkampung.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.device.DeviceListKind;
import org.smartkampung.core.device.DeviceListStore;
import org.smartkampung.core.device.ListedDevice;
import org.smartkampung.core.session.Session;
import org.smartkampung.portal.testing.PortalHarness;

/**
 * The village's device lists in the console, over HTTP as a browser without JavaScript sends them:
 * MACs in every common form land normalised, bad input re-renders with a message and saves nothing,
 * every change is audited, "Blokir perangkat" on a session blocks and kicks, and a desa admin
 * cannot reach another village's lists or sessions by editing the URL or the form.
 */
class DevicePagesTest {

  static final String PAGE = "/admin/desa/kemiren/perangkat";

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

  private HttpResponse<String> add(
      AdminHarness.Client who, String village, String mac, String list) {
    String page = "/admin/desa/" + village + "/perangkat";
    return who.post(
        page,
        PortalHarness.form(
            "csrf", who.csrf(page), "mac", mac, "note", "HP Pak Joko", "list", list));
  }

  @Test
  void macsInEveryCommonFormAreListedNormalised() {
    assertThat(add(budi, "kemiren", "AA-BB-CC-DD-EE-01", "blokir").statusCode()).isEqualTo(303);
    assertThat(add(budi, "kemiren", "aabb.ccdd.ee02", "blokir").statusCode()).isEqualTo(303);
    assertThat(add(budi, "kemiren", " AA:BB:CC:DD:EE:03 ", "lewati").statusCode()).isEqualTo(303);

    assertThat(h.stores.deviceLists().blocked("kemiren", "aa:bb:cc:dd:ee:01")).isTrue();
    assertThat(h.stores.deviceLists().blocked("kemiren", "aa:bb:cc:dd:ee:02")).isTrue();
    assertThat(h.stores.deviceLists().bypass("kemiren", "aa:bb:cc:dd:ee:03")).isTrue();
    String body = budi.get(PAGE).body();
    assertThat(body).contains("aa:bb:cc:dd:ee:01", "aa:bb:cc:dd:ee:03", "HP Pak Joko", "budi");
    assertThat(body.indexOf("id=\"blocked-devices\""))
        .isLessThan(body.indexOf("aa:bb:cc:dd:ee:01"));
    assertThat(body.indexOf("id=\"bypass-devices\"")).isLessThan(body.indexOf("aa:bb:cc:dd:ee:03"));
    // The test clock stands still, so entries of one instant come in no set order.
    assertThat(h.admin.audit().newest(10))
        .filteredOn(e -> e.target().equals("aa:bb:cc:dd:ee:03"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("device.bypass");
              assertThat(e.actor()).isEqualTo("budi");
              assertThat(e.villageId()).isEqualTo("kemiren");
            });
  }

  @Test
  void theVillagesMenuLeadsToItsDevicePage() {
    assertThat(budi.get("/admin/desa/kemiren/sesi").body())
        .contains("href=\"/admin/desa/kemiren/perangkat\">Perangkat</a>");
  }

  @Test
  void aBadMacReRendersTheFormWithAMessageAndSavesNothing() {
    HttpResponse<String> r = add(budi, "kemiren", "AA:BB:CC:DD:EE", "blokir");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("Alamat MAC tidak dikenali")
        .contains("value=\"AA:BB:CC:DD:EE\"")
        .contains("HP Pak Joko");
    assertThat(h.stores.deviceLists().list("kemiren")).isEmpty();
  }

  @Test
  void aFullVillageIsToldToRemoveDevicesFirstAndCanStillChangeAListedOne() {
    for (int i = 0; i < DeviceListStore.MAX_PER_VILLAGE; i++) {
      String mac = String.format(java.util.Locale.ROOT, "02:00:00:00:%02x:%02x", i >> 8, i & 0xff);
      h.stores
          .deviceLists()
          .add(new ListedDevice("kemiren", mac, DeviceListKind.BLOCKED, "", "budi", Instant.EPOCH));
    }

    HttpResponse<String> r = add(budi, "kemiren", "AA:BB:CC:DD:EE:99", "blokir");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("sudah penuh").contains("value=\"AA:BB:CC:DD:EE:99\"");
    assertThat(h.stores.deviceLists().find("kemiren", "aa:bb:cc:dd:ee:99")).isEmpty();
    // A listed device may still move to the other list.
    assertThat(add(budi, "kemiren", "02:00:00:00:00:05", "lewati").statusCode()).isEqualTo(303);
    assertThat(h.stores.deviceLists().bypass("kemiren", "02:00:00:00:00:05")).isTrue();
  }

  @Test
  void removingTakesTheDeviceOffAndIsAudited() {
    add(budi, "kemiren", "AA:BB:CC:DD:EE:01", "blokir");

    HttpResponse<String> r =
        budi.post(
            PAGE + "/hapus",
            PortalHarness.form("csrf", budi.csrf(PAGE), "mac", "aa:bb:cc:dd:ee:01"));

    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(h.stores.deviceLists().list("kemiren")).isEmpty();
    assertThat(h.admin.audit().newest(10)).extracting(AuditEntry::action).contains("device.unlist");
  }

  @Test
  void aChangeWithoutTheCsrfTokenIsRefused() {
    HttpResponse<String> r =
        budi.post(PAGE, PortalHarness.form("mac", "AA:BB:CC:DD:EE:01", "list", "blokir"));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(h.stores.deviceLists().list("kemiren")).isEmpty();
  }

  @Test
  void aDesaAdminCannotTouchAnotherVillagesListsByEditingTheUrlOrTheForm() {
    h.stores
        .deviceLists()
        .add(
            new ListedDevice(
                "tamansari",
                "aa:bb:cc:dd:ee:09",
                DeviceListKind.BLOCKED,
                "",
                "admin",
                Instant.now()));
    String csrf = budi.csrf(PAGE);

    assertThat(budi.get("/admin/desa/tamansari/perangkat").statusCode()).isEqualTo(403);
    assertThat(
            budi.post(
                    "/admin/desa/tamansari/perangkat",
                    PortalHarness.form("csrf", csrf, "mac", "AA:BB:CC:DD:EE:01", "list", "blokir"))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            budi.post(
                    "/admin/desa/tamansari/perangkat/hapus",
                    PortalHarness.form("csrf", csrf, "mac", "aa:bb:cc:dd:ee:09"))
                .statusCode())
        .isEqualTo(403);
    // Removing through its own village's form touches only its own village.
    budi.post(PAGE + "/hapus", PortalHarness.form("csrf", csrf, "mac", "aa:bb:cc:dd:ee:09"));

    assertThat(h.stores.deviceLists().list("tamansari")).hasSize(1);
    assertThat(h.stores.deviceLists().blocked("tamansari", "aa:bb:cc:dd:ee:01")).isFalse();
  }

  @Test
  void aKabupatenOperatorManagesAnyVillagesLists() {
    AdminHarness.Client operator = h.client();
    assertThat(operator.signIn("admin", AdminHarness.ADMIN_PASSWORD).statusCode()).isEqualTo(303);

    assertThat(add(operator, "tamansari", "AA:BB:CC:DD:EE:07", "lewati").statusCode())
        .isEqualTo(303);

    assertThat(h.stores.deviceLists().bypass("tamansari", "aa:bb:cc:dd:ee:07")).isTrue();
    assertThat(operator.get("/admin/desa/tamansari/perangkat").body())
        .contains("aa:bb:cc:dd:ee:07");
  }

  private Session session(String village, String mac) {
    Instant now = h.clock.instant();
    return new Session(
        village + "-mt/81a00001",
        village,
        "sari",
        mac,
        village + "-mt",
        "10.5.50.1",
        "81a00001",
        "10.5.50.21",
        now.minusSeconds(900),
        now,
        1_000_000,
        1_000_000,
        0);
  }

  @Test
  void blockingFromTheSessionListBlocksTheMacAndKicksTheSession() throws Exception {
    h.stores.sessions().put(session("kemiren", "3c:5a:b4:01:02:03"));
    String sessions = "/admin/desa/kemiren/sesi";
    assertThat(budi.get(sessions).body()).contains("Blokir perangkat");

    HttpResponse<String> r =
        budi.post(
            sessions + "/blokir",
            PortalHarness.form("csrf", budi.csrf(sessions), "session", "kemiren-mt/81a00001"));

    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains(sessions);
    assertThat(h.stores.deviceLists().blocked("kemiren", "3c:5a:b4:01:02:03")).isTrue();
    assertThat(h.stores.sessionCommands().nextKick(java.time.Duration.ofSeconds(5)))
        .hasValueSatisfying(k -> assertThat(k.sessionId()).isEqualTo("kemiren-mt/81a00001"));
    assertThat(h.admin.audit().newest(2))
        .extracting(AuditEntry::action)
        .containsExactlyInAnyOrder("session.kick", "device.block");
  }

  @Test
  void aSessionOfAnotherVillageCannotBeBlockedThroughOnesOwnVillagesForm() {
    h.stores.sessions().put(session("tamansari", "3c:5a:b4:01:02:09"));
    String sessions = "/admin/desa/kemiren/sesi";

    HttpResponse<String> r =
        budi.post(
            sessions + "/blokir",
            PortalHarness.form("csrf", budi.csrf(sessions), "session", "tamansari-mt/81a00001"));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(h.stores.deviceLists().list("kemiren")).isEmpty();
    assertThat(h.stores.deviceLists().list("tamansari")).isEmpty();
  }
}
