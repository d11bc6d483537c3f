package org.smartkampung.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.village.LandingContent;

class LandingContentApiTest {

  static final String PATH = "/api/admin/v1/villages/kemiren/landing";

  AdminHarness h;
  AdminHarness.Client budi;
  String csrf;

  @BeforeEach
  void start() throws Exception {
    h = new AdminHarness();
    budi = h.client();
    assertThat(budi.signIn("budi", AdminHarness.BUDI_PASSWORD).statusCode()).isEqualTo(303);
    csrf = new JsonObject(budi.get("/api/admin/v1/me").body()).getString("csrfToken");
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  static final String CONTENT =
      """
      {"links":[{"name":"Surat Pindah","url":"https://desa.example/pindah"}],
       "news":[{"title":"Kerja bakti","body":"Jam 7.","date":"2026-08-16"},
               {"title":"Posyandu","body":"Balai desa.","date":"2026-08-01"}],
       "products":[{"name":"Kopi Osing","photoUrl":"https://foto.example/kopi.jpg",
                    "priceRupiah":15000,"whatsapp":"0812-3456-7890"}]}
      """;

  @Test
  void putReplacesTheContentInTheGivenOrderTheLandingPageShowsItAndGetReadsItBack() {
    HttpResponse<String> put = budi.json("PUT", PATH, CONTENT, csrf);

    assertThat(put.statusCode()).isEqualTo(200);
    LandingContent stored = h.admin.landingContent().find("kemiren");
    assertThat(stored.links()).extracting(l -> l.name()).containsExactly("Surat Pindah");
    assertThat(stored.news()).extracting(n -> n.title()).containsExactly("Kerja bakti", "Posyandu");
    assertThat(stored.products().get(0).whatsapp()).isEqualTo("6281234567890");
    assertThat(h.client().get("/desa/kemiren/layanan").body())
        .contains("Kartu Keluarga")
        .contains("Surat Pindah");
    assertThat(h.client().get("/desa/kemiren").body())
        .contains("Kerja bakti")
        .contains("Kopi Osing");
    JsonObject got = new JsonObject(budi.get(PATH).body());
    assertThat(got).isEqualTo(new JsonObject(put.body()));
    assertThat(got.getJsonArray("news").getJsonObject(0).getString("date")).isEqualTo("2026-08-16");
    assertThat(got.getJsonArray("products").getJsonObject(0).getLong("priceRupiah"))
        .isEqualTo(15000L);
  }

  @Test
  void eachItemAddedOrRemovedGetsThePagesAuditEntryAndAListLeftOutStays() {
    budi.json("PUT", PATH, CONTENT, csrf);
    JsonObject got = new JsonObject(budi.get(PATH).body());
    JsonArray news = got.getJsonArray("news");
    news.remove(1);
    HttpResponse<String> put =
        budi.json(
            "PUT",
            PATH,
            new JsonObject()
                .put(
                    "news",
                    news.add(new JsonObject().put("title", "Lomba").put("body", "17 Agustus.")))
                .encode(),
            csrf);

    assertThat(put.statusCode()).isEqualTo(200);
    LandingContent stored = h.admin.landingContent().find("kemiren");
    assertThat(stored.news()).extracting(n -> n.title()).containsExactly("Kerja bakti", "Lomba");
    assertThat(stored.links()).hasSize(1);
    assertThat(stored.products()).hasSize(1);
    List<AuditEntry> audit = h.admin.audit().newest(10);
    assertThat(audit)
        .extracting(AuditEntry::action)
        .containsExactlyInAnyOrder(
            "landing.add.berita",
            "landing.remove.berita",
            "landing.add.tautan",
            "landing.add.berita",
            "landing.add.berita",
            "landing.add.produk");
    assertThat(audit)
        .filteredOn(e -> e.action().equals("landing.remove.berita"))
        .singleElement()
        .satisfies(e -> assertThat(e.before()).contains("Posyandu"));
    assertThat(audit).allSatisfy(e -> assertThat(e.actor()).isEqualTo("budi"));
  }

  @Test
  void badItemsAre400WithIndonesianMessagesKeyedByItemAndNothingIsSaved() {
    String bad =
        """
        {"links":[{"name":"Ok","url":"https://ok.example"},{"name":"","url":"javascript:alert(1)"}],
         "products":[{"name":"Kopi","photoUrl":"http://foto.example/k.jpg","priceRupiah":"x",
                      "whatsapp":"12345"}]}
        """;

    HttpResponse<String> r = budi.json("PUT", PATH, bad, csrf);

    assertThat(r.statusCode()).isEqualTo(400);
    JsonObject errors = new JsonObject(r.body()).getJsonObject("errors");
    assertThat(errors.getString("links[1].name")).isEqualTo("Wajib diisi.");
    assertThat(errors.getString("links[1].url")).startsWith("Tulis alamat lengkap");
    assertThat(errors.getString("products[0].photoUrl")).startsWith("Alamat foto harus");
    assertThat(errors.getString("products[0].whatsapp")).startsWith("Tulis nomor WhatsApp");
    assertThat(errors.fieldNames())
        .contains("products[0].priceRupiah")
        .doesNotContain("links[0].name");
    assertThat(h.admin.landingContent().find("kemiren").links()).isEmpty();
    assertThat(h.admin.audit().newest(10)).isEmpty();
  }

  @Test
  void moreItemsThanThePageAllowsAreRefusedAsOnThePage() {
    JsonArray links = new JsonArray();
    for (int i = 0; i <= LandingContentPages.MAX_LINKS; i++) {
      links.add(new JsonObject().put("name", "L" + i).put("url", "https://l.example/" + i));
    }

    HttpResponse<String> r =
        budi.json("PUT", PATH, new JsonObject().put("links", links).encode(), csrf);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getJsonObject("errors").getString("links[12].name"))
        .isEqualTo("Daftar ini sudah penuh. Hapus dulu yang lama.");
  }

  @Test
  void withoutTheCsrfHeaderAPutIs403AndChangesNothing() {
    assertThat(budi.json("PUT", PATH, CONTENT, null).statusCode()).isEqualTo(403);
    assertThat(h.admin.landingContent().find("kemiren").links()).isEmpty();
  }
}
