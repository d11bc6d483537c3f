package org.smartkampung.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartkampung.portal.login.Explanation;
import org.smartkampung.portal.testing.PortalHarness;

class PortalPagesTest {

  static PortalHarness portal;

  @BeforeAll
  static void start() throws Exception {
    portal = PortalHarness.start();
  }

  @AfterAll
  static void stop() throws Exception {
    portal.close();
  }

  @Test
  void rootShowsTheFirstVillagesLandingPageInBahasaIndonesia() {
    HttpResponse<String> r = portal.get("/");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.body())
        .contains("<html lang=\"id\">")
        .contains("Selamat datang di Desa Kemiren")
        .contains("Selamat malam")
        .contains("Internet Gratis")
        .contains("Pakai Voucher")
        .contains("Pelanggan Terdaftar")
        .contains("Kartu Keluarga")
        .contains("href=\"/desa/kemiren/layanan\"")
        .contains("Kabupaten Banyuwangi");
  }

  @Test
  void villagePathShowsThatVillage() {
    assertThat(portal.get("/desa/tamansari").body()).contains("Selamat datang di Desa Tamansari");
  }

  @Test
  void bahasaIndonesiaIsTheDefaultEvenForAnEnglishBrowserAndEnglishIsAChoice() {
    HttpResponse<String> r = portal.get("/", "Accept-Language", "en-GB,en;q=0.9,id;q=0.5");

    assertThat(r.body()).contains("<html lang=\"id\">").doesNotContain("Free Internet");
    assertThat(portal.get("/?lang=en", "Accept-Language", "id-ID").body())
        .contains("<html lang=\"en\">")
        .contains("Free Internet");
  }

  @Test
  void languageSwitchIsVisibleAndRememberedInAnHttpOnlySameSiteCookie() {
    assertThat(portal.get("/").body()).contains(">English</a>");

    HttpResponse<String> r = portal.get("/desa/kemiren/layanan?lang=en");

    assertThat(r.body()).contains("Public Services").contains(">Bahasa Indonesia</a>");
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .startsWith("kampung_lang=en")
        .containsIgnoringCase("HttpOnly")
        .contains("SameSite=Lax");
    assertThat(portal.get("/", "Cookie", "kampung_lang=en").body()).contains("Free Internet");
  }

  @Test
  void servicesPageListsEveryLinkOfTheVillageWithoutLogin() {
    HttpResponse<String> r = portal.get("/desa/kemiren/layanan");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("Layanan Publik")
        .contains("href=\"https://dukcapil.example.go.id/kk\"")
        .contains("Kartu Keluarga")
        .contains("Urus KK baru")
        .contains("KTP-el")
        .contains("Akta Kelahiran")
        .contains("Surat Pernyataan Miskin")
        .contains("SKCK");
  }

  @Test
  void unknownVillageOrPathGetsAFriendlyNotFoundPage() {
    HttpResponse<String> village = portal.get("/desa/atlantis");
    HttpResponse<String> path = portal.get("/wp-admin");

    assertThat(village.statusCode()).isEqualTo(404);
    assertThat(village.body()).contains("Halaman tidak ditemukan");
    assertThat(path.statusCode()).isEqualTo(404);
    assertThat(path.body()).contains("Halaman tidak ditemukan").doesNotContain("Exception");
  }

  @ParameterizedTest
  @EnumSource(Explanation.class)
  void everyExplanationHasItsOwnPage(Explanation reason) {
    HttpResponse<String> r = portal.get("/info/" + reason.slug() + "?desa=kemiren");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Desa Kemiren").doesNotContain("info." + reason.slug());
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() {
    for (String path : new String[] {"/", "/desa/kemiren/layanan", "/status", "/nope"}) {
      HttpResponse<String> r = portal.get(path);
      String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
      assertThat(csp).contains("default-src 'none'").doesNotContain("unsafe-inline");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).isPresent();
    }
  }

  @Test
  void pagesHaveNoInlineScriptOrStyleAndLoadNothingFromOtherOrigins() {
    String html = portal.get("/").body();

    assertThat(html).doesNotContain("<script").doesNotContain("style=").doesNotContain("<style");
    assertThat(html).contains("<link rel=\"stylesheet\" href=\"/static/portal.css\">");
    assertThat(portal.get("/static/portal.css").headers().firstValue("Content-Type"))
        .hasValue("text/css; charset=utf-8");
  }
}
