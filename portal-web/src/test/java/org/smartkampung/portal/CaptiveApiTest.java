package org.smartkampung.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.session.Session;
import org.smartkampung.portal.captive.CaptiveApiHandler;
import org.smartkampung.portal.testing.PortalHarness;

/** RFC 8908: the device learns whether it is captive and what it has left. */
class CaptiveApiTest {

  @Test
  void aClientWithoutSessionIsCaptiveAndPointedAtThePortal() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      HttpResponse<String> r = portal.get("/api/captive");

      assertThat(r.headers().firstValue("Content-Type")).hasValue(CaptiveApiHandler.MEDIA_TYPE);
      JsonObject json = new JsonObject(r.body());
      assertThat(json.getBoolean("captive")).isTrue();
      assertThat(json.getString("user-portal-url")).isEqualTo("http://portal.test/");
      assertThat(json.getString("venue-info-url"))
          .isEqualTo("http://portal.test/desa/kemiren/layanan");
      assertThat(json.containsKey("seconds-remaining")).isFalse();
    }
  }

  @Test
  void aClientWithALiveSessionSeesItsRemainingSecondsAndBytes() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      portal
          .stores
          .sessions()
          .put(
              new Session(
                  "kemiren-chilli/1",
                  "tamansari",
                  "ABCD2345",
                  "3c:5a:b4:0a:0b:0c",
                  "kemiren-chilli",
                  "10.1.0.1",
                  "1",
                  "127.0.0.1",
                  Instant.EPOCH,
                  Instant.EPOCH,
                  0,
                  0,
                  0));
      // Policy: 500 MB and 120 minutes a day per villager.
      portal.stores.used("tamansari", "ABCD2345", "3c:5a:b4:0a:0b:0c", 300_000_000L, 600);

      JsonObject json = new JsonObject(portal.get("/api/captive").body());

      assertThat(json.getBoolean("captive")).isFalse();
      assertThat(json.getLong("seconds-remaining")).isEqualTo(6600);
      assertThat(json.getLong("bytes-remaining")).isEqualTo(200_000_000L);
      assertThat(json.getBoolean("can-extend-session")).isFalse();
      assertThat(json.getString("venue-info-url"))
          .isEqualTo("http://portal.test/desa/tamansari/layanan");
    }
  }

  @Test
  void aVoucherSessionSeesWhatTheVoucherHasLeftOverItsWholeValidity() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      Instant now = Instant.now();
      // 250 MB and 60 minutes in total; the policy alone would give 500 MB and 120 minutes a day.
      portal
          .stores
          .vouchers()
          .createAll(
              java.util.List.of(
                  new org.smartkampung.core.voucher.Voucher(
                      "KMRV0UCH",
                      "tamansari",
                      "b1",
                      now,
                      now.plus(java.time.Duration.ofDays(7)),
                      250_000_000L,
                      60,
                      1,
                      org.smartkampung.core.voucher.VoucherStatus.IN_USE,
                      now,
                      "")));
      portal
          .stores
          .sessions()
          .put(
              new Session(
                  "kemiren-chilli/2",
                  "tamansari",
                  "KMRV0UCH",
                  "3c:5a:b4:0a:0b:0d",
                  "kemiren-chilli",
                  "10.1.0.1",
                  "2",
                  "127.0.0.1",
                  Instant.EPOCH,
                  Instant.EPOCH,
                  0,
                  0,
                  0));
      portal.stores.used("tamansari", "KMRV0UCH", "3c:5a:b4:0a:0b:0d", 200_000_000L, 50 * 60);

      JsonObject json = new JsonObject(portal.get("/api/captive").body());
      assertThat(json.getLong("seconds-remaining")).isEqualTo(10 * 60);
      assertThat(json.getLong("bytes-remaining")).isEqualTo(50_000_000L);
      assertThat(portal.get("/status").body()).contains("id=\"user-bytes\">50");
    }
  }

  @Test
  void aVoucherSessionSeesTheVouchersOwnAllowanceAndExpiryOnTheStatusPageAndInTheApi()
      throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      Instant now = Instant.now();
      Instant expires = Instant.parse("2030-01-10T12:00:00Z");
      // A 2 GB voucher without a minute limit, valid until 10 January 2030 19.00 WIB.
      portal
          .stores
          .vouchers()
          .createAll(
              java.util.List.of(
                  new org.smartkampung.core.voucher.Voucher(
                      "KMR2GB07",
                      "tamansari",
                      "b1",
                      now,
                      expires,
                      2_000_000_000L,
                      0,
                      1,
                      org.smartkampung.core.voucher.VoucherStatus.IN_USE,
                      now,
                      "")));
      portal
          .stores
          .sessions()
          .put(
              new Session(
                  "kemiren-chilli/3",
                  "tamansari",
                  "KMR2GB07",
                  "3c:5a:b4:0a:0b:0e",
                  "kemiren-chilli",
                  "10.1.0.1",
                  "3",
                  "127.0.0.1",
                  Instant.EPOCH,
                  Instant.EPOCH,
                  0,
                  0,
                  0));
      portal.stores.used("tamansari", "KMR2GB07", "3c:5a:b4:0a:0b:0e", 100_000_000L, 600);

      String html = portal.get("/status").body();
      assertThat(html)
          .contains("Sisa kuota voucher")
          .contains("<dd id=\"voucher-bytes\">1,9 GB</dd>")
          .contains("<dd id=\"voucher-expires\">10 Januari 2030 19.00 WIB</dd>");

      JsonObject voucher =
          new JsonObject(portal.get("/api/captive").body()).getJsonObject("voucher");
      assertThat(voucher.getLong("bytes-remaining")).isEqualTo(1_900_000_000L);
      assertThat(voucher.getString("expires")).isEqualTo("2030-01-10T12:00:00Z");
      // No minute limit: nothing to count down.
      assertThat(voucher.containsKey("seconds-remaining")).isFalse();
    }
  }

  @Test
  void theStatusPageFindsTheLiveSessionBySourceAddressWithoutALink() throws Exception {
    try (PortalHarness portal = PortalHarness.start()) {
      assertThat(portal.get("/status").body()).contains("Anda belum masuk internet");
      portal
          .stores
          .sessions()
          .put(
              new Session(
                  "kemiren-mt/9",
                  "kemiren",
                  "sari",
                  "3c:5a:b4:01:02:03",
                  "kemiren-mt",
                  "10.5.50.1",
                  "9",
                  "127.0.0.1",
                  Instant.EPOCH,
                  Instant.EPOCH,
                  0,
                  0,
                  0));
      portal.stores.used("kemiren", "sari", "3c:5a:b4:01:02:03", 250_000_000L, 3600);

      String html = portal.get("/status").body();

      assertThat(html)
          .contains("Desa Kemiren")
          .contains("<dd id=\"user-bytes\">250 MB</dd>")
          .contains("<dd id=\"user-time\">1 jam 0 menit</dd>");
    }
  }
}
