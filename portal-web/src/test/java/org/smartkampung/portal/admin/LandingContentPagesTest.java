package org.smartkampung.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartkampung.portal.testing.PortalHarness.form;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.village.LandingContent;
import org.smartkampung.core.village.ServiceLink;

class LandingContentPagesTest {

  static final String XSS = "\"><script>alert(1)</script>";

  AdminHarness h;
  AdminHarness.Client budi;
  String csrf;

  @BeforeEach
  void start() throws Exception {
    h = new AdminHarness();
    budi = h.client();
    assertThat(budi.signIn("budi", AdminHarness.BUDI_PASSWORD).statusCode()).isEqualTo(303);
    csrf = budi.csrf("/admin/desa/kemiren/beranda");
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void theDesaAdminsLinksNewsAndProductsShowOnTheLandingPage() {
    assertThat(h.client().get("/desa/kemiren").body())
        .contains("Kartu Keluarga")
        .doesNotContain("id=\"news\"")
        .doesNotContain("id=\"products\"");

    assertThat(
            budi.post(
                    "/admin/desa/kemiren/beranda/tautan",
                    form(
                        "csrf", csrf, "name", "Surat Pindah", "url", "https://desa.example/pindah"))
                .statusCode())
        .isEqualTo(303);
    budi.post(
        "/admin/desa/kemiren/beranda/berita",
        form(
            "csrf",
            csrf,
            "title",
            "Kerja bakti Minggu",
            "body",
            "Kumpul di balai desa jam 7.",
            "date",
            "2026-08-16"));
    budi.post(
        "/admin/desa/kemiren/beranda/produk",
        form(
            "csrf",
            csrf,
            "name",
            "Kopi Osing",
            "photoUrl",
            "https://foto.example/kopi.jpg",
            "priceRupiah",
            "15000",
            "whatsapp",
            "0812-3456-7890"));
    budi.post(
        "/admin/desa/kemiren/beranda/produk",
        form(
            "csrf",
            csrf,
            "name",
            "Batik Gajah Oling",
            "photoUrl",
            "",
            "priceRupiah",
            "250000",
            "whatsapp",
            "6281299998888"));

    HttpResponse<String> landing = h.client().get("/desa/kemiren");
    assertThat(landing.body())
        .contains("Kartu Keluarga")
        .contains("Kerja bakti Minggu")
        .contains("16/08/2026")
        .contains("Kopi Osing")
        .contains("Rp 15.000")
        .contains("href=\"https://wa.me/6281234567890\"")
        .contains(
            "<img src=\"https://foto.example/kopi.jpg\" width=\"96\" height=\"96\" loading=\"lazy\"")
        .contains("Batik Gajah Oling");
    assertThat(landing.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("img-src 'self' data: https:;");
    assertThat(h.client().get("/desa/kemiren/layanan").body()).contains("Surat Pindah");
    assertThat(h.client().get("/desa/tamansari").body()).doesNotContain("Kopi Osing");
    assertThat(h.admin.audit().newest(10)).hasSize(4);

    budi.post(
        "/admin/desa/kemiren/beranda/hapus", form("csrf", csrf, "kind", "produk", "index", "0"));
    assertThat(h.admin.landingContent().find("kemiren").products())
        .extracting(LandingContent.Product::name)
        .containsExactly("Batik Gajah Oling");
  }

  @Test
  void anAddedLinkKeepsTheConfigLinksUnlessTheAdminChoosesToReplaceThem() {
    String configLinks = h.client().get("/desa/kemiren/layanan").body();
    assertThat(configLinks).contains("Kartu Keluarga");

    assertThat(
            budi.post(
                    "/admin/desa/kemiren/beranda/tautan",
                    form(
                        "csrf", csrf, "name", "Surat Pindah", "url", "https://desa.example/pindah"))
                .statusCode())
        .isEqualTo(303);

    assertThat(h.client().get("/desa/kemiren").body()).contains("Kartu Keluarga");
    assertThat(h.client().get("/desa/kemiren/layanan").body())
        .contains("Kartu Keluarga")
        .contains("Surat Pindah");
    assertThat(budi.get("/admin/desa/kemiren/beranda").body())
        .contains("Kartu Keluarga")
        .contains("id=\"links-mode-add\" checked");

    assertThat(
            budi.post(
                    "/admin/desa/kemiren/beranda/tautan-asal", form("csrf", csrf, "mode", "ganti"))
                .statusCode())
        .isEqualTo(303);
    assertThat(h.client().get("/desa/kemiren/layanan").body())
        .contains("Surat Pindah")
        .doesNotContain("Kartu Keluarga");
    assertThat(h.admin.audit().newest(5))
        .extracting(org.smartkampung.core.admin.AuditEntry::action)
        .contains("landing.links.replace");

    budi.post("/admin/desa/kemiren/beranda/tautan-asal", form("csrf", csrf, "mode", "tambah"));
    assertThat(h.client().get("/desa/kemiren/layanan").body())
        .contains("Surat Pindah")
        .contains("Kartu Keluarga");
  }

  @Test
  void theKantorDesaContactShowsOnTheLandingPageEscapedAndAudited() {
    assertThat(
            budi.post(
                    "/admin/desa/kemiren/beranda/kontak",
                    form(
                        "csrf",
                        csrf,
                        "officeContact",
                        "Balai Desa Kemiren, Jl. Raya 1\nWA 0812-3456-7890 <b>Senin-Jumat</b>"))
                .statusCode())
        .isEqualTo(303);

    String landing = h.client().get("/desa/kemiren").body();
    assertThat(landing)
        .contains("id=\"office\"")
        .contains("Balai Desa Kemiren, Jl. Raya 1")
        .contains("&lt;b&gt;Senin-Jumat&lt;/b&gt;")
        .doesNotContain("<b>Senin");
    assertThat(budi.get("/admin/desa/kemiren/beranda").body()).contains("WA 0812-3456-7890");
    assertThat(h.admin.audit().newest(5))
        .extracting(org.smartkampung.core.admin.AuditEntry::action)
        .contains("landing.contact");
    assertThat(
            budi.post(
                    "/admin/desa/kemiren/beranda/kontak",
                    form("csrf", csrf, "officeContact", "x".repeat(301)))
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void aProdukDesaItemIsEditedInPlaceWithTheSameRulesAndAudited() {
    budi.post(
        "/admin/desa/kemiren/beranda/produk",
        form(
            "csrf", csrf,
            "name", "Kopi Osing",
            "priceRupiah", "15.000",
            "whatsapp", "081234567890"));
    String editPage = budi.get("/admin/desa/kemiren/beranda/produk/0").body();
    assertThat(editPage)
        .contains("value=\"Kopi Osing\"")
        .contains("value=\"15.000\"")
        .contains("value=\"081234567890\"");

    HttpResponse<String> bad =
        budi.post(
            "/admin/desa/kemiren/beranda/produk/0",
            form("csrf", csrf, "name", "Kopi", "priceRupiah", "20.000", "whatsapp", "12"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("id=\"whatsapp-error\"");
    assertThat(h.admin.landingContent().find("kemiren").products().get(0).priceRupiah())
        .isEqualTo(15_000L);

    assertThat(
            budi.post(
                    "/admin/desa/kemiren/beranda/produk/0",
                    form(
                        "csrf", csrf,
                        "name", "Kopi Osing Robusta",
                        "priceRupiah", "20.000",
                        "whatsapp", "081234567890"))
                .statusCode())
        .isEqualTo(303);
    LandingContent.Product p = h.admin.landingContent().find("kemiren").products().get(0);
    assertThat(p.name()).isEqualTo("Kopi Osing Robusta");
    assertThat(p.priceRupiah()).isEqualTo(20_000L);
    assertThat(h.admin.landingContent().find("kemiren").products()).hasSize(1);
    assertThat(h.client().get("/desa/kemiren").body()).contains("Rp 20.000");
    assertThat(h.admin.audit().newest(5))
        .extracting(org.smartkampung.core.admin.AuditEntry::action)
        .contains("landing.edit.produk");
    assertThat(budi.get("/admin/desa/kemiren/beranda/produk/7").statusCode()).isEqualTo(404);
  }

  @Test
  void badProductsAndLinksAreRefusedWithMessagesAndNothingIsSaved() {
    HttpResponse<String> r =
        budi.post(
            "/admin/desa/kemiren/beranda/produk",
            form(
                "csrf",
                csrf,
                "name",
                "",
                "photoUrl",
                "http://foto.example/a.jpg",
                "priceRupiah",
                "-5",
                "whatsapp",
                "12345"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("id=\"name-error\">Wajib diisi.")
        .contains("id=\"photoUrl-error\">Alamat foto harus diawali https://")
        .contains("id=\"priceRupiah-error\">Harus antara 0 dan 1.000.000.000.")
        .contains("id=\"whatsapp-error\">Tulis nomor WhatsApp Indonesia");
    assertThat(
            budi.post(
                    "/admin/desa/kemiren/beranda/tautan",
                    form("csrf", csrf, "name", "Jahat", "url", "javascript:alert(1)"))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            budi.post(
                    "/admin/desa/kemiren/beranda/produk",
                    form(
                        "csrf",
                        csrf,
                        "name",
                        "Foto data",
                        "photoUrl",
                        "https://x\" onerror=\"alert(1)",
                        "priceRupiah",
                        "1",
                        "whatsapp",
                        "081234567890"))
                .statusCode())
        .isEqualTo(400);
    assertThat(h.admin.landingContent().find("kemiren")).isEqualTo(LandingContent.empty("kemiren"));
  }

  @Test
  void storedContentIsEscapedOnTheLandingPageAndAFullPageStaysUnder30Kilobytes() {
    List<LandingContent.News> news = new ArrayList<>();
    List<LandingContent.Product> products = new ArrayList<>();
    for (int i = 0; i < LandingContentPages.MAX_NEWS; i++) {
      news.add(new LandingContent.News(XSS + i, (XSS + " ").repeat(60), h.clock.instant()));
    }
    for (int i = 0; i < LandingContentPages.MAX_PRODUCTS; i++) {
      products.add(
          new LandingContent.Product(
              XSS + i,
              i == 0 ? "javascript:alert(1)" : "https://foto.example/" + i + ".jpg?" + XSS,
              1000,
              "6281234567890\"><script>"));
    }
    h.admin
        .landingContent()
        .put(
            new LandingContent(
                "kemiren",
                List.of(
                    new ServiceLink(XSS, "javascript:alert(1)", XSS),
                    new ServiceLink("Sah", "https://desa.example/" + XSS, XSS)),
                news,
                products));

    String page = h.client().get("/desa/kemiren").body();

    assertThat(page)
        .doesNotContain("<script>alert")
        .doesNotContain("javascript:")
        .doesNotContain("\"><script")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    String css = h.client().get("/static/portal.css").body();
    assertThat(page.getBytes(StandardCharsets.UTF_8).length + css.length())
        .isLessThanOrEqualTo(30 * 1024);
  }
}
