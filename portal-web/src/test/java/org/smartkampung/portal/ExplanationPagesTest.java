package org.smartkampung.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.portal.testing.PortalHarness.form;
import static org.smartkampung.portal.testing.PortalHarness.state;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.portal.testing.PortalHarness;

/** The villager sees why they cannot get online instead of a failing NAS login. */
class ExplanationPagesTest {

  /** The click-through identity of a browser that came without a hotspot, from loopback. */
  static final String DIRECT_USER = "gratis-ip-127.0.0.1";

  static final String DIRECT_DEVICE = "ip-127.0.0.1";

  static HttpResponse<String> clickThrough(PortalHarness portal) {
    String landing = portal.get("/").body();
    return portal.post("/masuk/gratis", form("s", state(landing), "setuju", "on"));
  }

  @Test
  void spentUserQuotaShowsTheUserQuotaPageAndMintsNoToken() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      // The harness policy allows 500 MB a day per villager.
      portal.stores.used("kemiren", DIRECT_USER, DIRECT_DEVICE, 500_000_000L, 60);

      HttpResponse<String> r = clickThrough(portal);

      assertThat(r.body()).contains("Kuota Anda hari ini sudah habis");
      assertThat(portal.stores.tokens).isEmpty();
    }
  }

  @Test
  void theSpentQuotaPageOffersTheVoucherFieldThatLogsInWithAVoucher() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      portal.stores.used("kemiren", DIRECT_USER, DIRECT_DEVICE, 500_000_000L, 60);

      HttpResponse<String> spent = clickThrough(portal);

      assertThat(spent.body())
          .contains("Kuota Anda hari ini sudah habis")
          .contains("action=\"/masuk/voucher\"")
          .contains("id=\"kode\"");
      String state = PortalHarness.field(spent.body(), "s");
      assertThat(state).isNotEmpty();

      portal
          .stores
          .vouchers()
          .createAll(List.of(voucher("BELI00001", "", Instant.parse("2027-01-01T00:00:00Z"))));
      HttpResponse<String> withVoucher =
          portal.post("/masuk/voucher", form("s", state, "kode", "BELI00001"));
      assertThat(withVoucher.body()).doesNotContain("sudah habis");
      assertThat(portal.stores.tokens).hasSize(1);
    }
  }

  @Test
  void theLandingPageShowsOpeningHoursInWibAndTheDailyQuotaBeforeLogin() throws Exception {
    try (PortalHarness portal =
        PortalHarness.start(new OpeningHours(LocalTime.of(5, 0), LocalTime.of(22, 0)))) {
      String landing = portal.get("/desa/kemiren").body();

      assertThat(landing)
          .contains("id=\"hours\"")
          .contains("05.00-22.00 WIB")
          .contains("id=\"allowance\"")
          .contains("500 MB")
          .contains("2 jam 0 menit");
    }
  }

  @Test
  void spentVillageQuotaShowsTheVillageQuotaPage() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      // ... and 20 GB a day for the whole village, used here by someone else.
      portal.stores.used("kemiren", "tetangga", "aa:aa:aa:aa:aa:01", 20_000_000_000L, 60);

      assertThat(clickThrough(portal).body()).contains("Kuota desa sudah habis");
    }
  }

  static HttpResponse<String> subscriberLogin(PortalHarness portal) {
    portal
        .stores
        .subscribers()
        .create(
            new Subscriber(
                "sari", "kemiren", new PasswordHasher(1000).hash("rahasia"), "Sari", true, null));
    String landing = portal.get("/").body();
    return portal.post(
        "/masuk/pelanggan", form("s", state(landing), "nama", "sari", "sandi", "rahasia"));
  }

  @Test
  void aThirdDeviceShowsTheTooManyDevicesPage() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      // The harness policy allows two devices per villager.
      portal.stores.online("kemiren", "sari", "aa:aa:aa:aa:aa:01");
      portal.stores.online("kemiren", "sari", "aa:aa:aa:aa:aa:02");

      assertThat(subscriberLogin(portal).body()).contains("Terlalu banyak perangkat");
      assertThat(portal.stores.tokens).isEmpty();
    }
  }

  @Test
  void aSecondDeviceIsStillAdmitted() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      portal.stores.online("kemiren", "sari", "aa:aa:aa:aa:aa:01");

      assertThat(subscriberLogin(portal).statusCode()).isEqualTo(303);
      assertThat(portal.stores.tokens).hasSize(1);
    }
  }

  @Test
  void outsideOpeningHoursShowsTheHours() throws Exception {
    // The harness clock is 19:00 WIB.
    try (PortalHarness portal =
        PortalHarness.start(new OpeningHours(LocalTime.of(7, 0), LocalTime.of(17, 0)))) {
      HttpResponse<String> r = clickThrough(portal);

      assertThat(r.body()).contains("Di luar jam layanan").contains("Jam layanan: 07.00-17.00 WIB");
      assertThat(portal.stores.tokens).isEmpty();
    }
  }

  @Test
  void usedAndExpiredVouchersHaveTheirOwnPages() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      portal
          .stores
          .vouchers()
          .createAll(
              List.of(
                  voucher("TAKEN001", "aa:aa:aa:aa:aa:aa", Instant.parse("2027-01-01T00:00:00Z")),
                  voucher("OLD00001", "", Instant.parse("2026-01-01T00:00:00Z"))));
      String landing = portal.get("/").body();

      HttpResponse<String> used =
          portal.post("/masuk/voucher", form("s", state(landing), "kode", "TAKEN001"));
      HttpResponse<String> expired =
          portal.post("/masuk/voucher", form("s", state(landing), "kode", "old0-0001"));

      assertThat(used.body()).contains("Voucher sudah terpakai");
      assertThat(expired.body()).contains("Voucher sudah kedaluwarsa");
    }
  }

  @Test
  void anUnreachableStoreShowsTheDisruptionPage() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      portal.stores.ledgerDown = true;

      HttpResponse<String> r = clickThrough(portal);

      assertThat(r.statusCode()).isLessThan(500);
      assertThat(r.body()).contains("Layanan sedang terganggu");
    }
  }

  static Voucher voucher(String code, String devices, Instant expires) {
    return new Voucher(
        code,
        "kemiren",
        "b1",
        Instant.parse("2026-11-01T00:00:00Z"),
        expires,
        Long.MAX_VALUE,
        0,
        1,
        devices.isEmpty() ? VoucherStatus.UNUSED : VoucherStatus.IN_USE,
        null,
        devices);
  }
}
