package org.smartkampung.portal.admin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.village.LandingContent;
import org.smartkampung.core.village.LandingContent.News;
import org.smartkampung.core.village.LandingContent.Product;
import org.smartkampung.core.village.ServiceLink;

class LandingContentServiceTest {

  ServiceFixture f;
  LandingContentService service;

  @BeforeEach
  void start() throws Exception {
    f = new ServiceFixture();
    service = f.services.landing();
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  private static Product kopi(String photo) {
    return new Product("Kopi Osing", photo, 45_000, "6281234567890");
  }

  @Test
  void eachAddIsOneEntryNamingTheItemAndNewsComeNewestFirst() {
    service.add(
        new LandingContentService.AddLink(
            "kemiren", new ServiceLink("Lapor", "https://lapor.go.id", ""), "budi"));
    service.add(
        new LandingContentService.AddNews(
            "kemiren", new News("Kerja bakti", "Minggu pagi", Instant.EPOCH), "budi"));
    service.add(
        new LandingContentService.AddNews(
            "kemiren", new News("Posyandu", "Senin", Instant.EPOCH), "budi"));
    service.add(new LandingContentService.AddProduct("kemiren", kopi(""), "budi"));

    LandingContent c = f.admin.landingContent().find("kemiren");
    assertThat(c.links()).extracting(ServiceLink::name).containsExactly("Lapor");
    assertThat(c.news()).extracting(News::title).containsExactly("Posyandu", "Kerja bakti");
    assertThat(f.audit())
        .extracting(e -> e.action() + ":" + e.after())
        .containsExactly(
            "landing.add.tautan:Lapor",
            "landing.add.berita:Kerja bakti",
            "landing.add.berita:Posyandu",
            "landing.add.produk:Kopi Osing");
  }

  @Test
  void aFullListRefusesTheNextItemOnItsNameField() {
    for (int i = 0; i < LandingContentService.MAX_PRODUCTS; i++) {
      service.add(new LandingContentService.AddProduct("kemiren", kopi(""), "budi"));
    }

    assertThat(service.add(new LandingContentService.AddProduct("kemiren", kopi(""), "budi")))
        .isEqualTo(Outcome.refused(AdminError.Invalid.of("name", "landing.full")));
    assertThat(f.admin.landingContent().find("kemiren").products())
        .hasSize(LandingContentService.MAX_PRODUCTS);
  }

  @Test
  void editingAProductKeepsItsPhotoUnlessReplacedAndAMissingIndexIsNotFound() {
    service.add(
        new LandingContentService.AddProduct("kemiren", kopi("/foto/kemiren/a.jpg"), "budi"));

    service.editProduct(
        new LandingContentService.EditProduct(
            "kemiren", 0, new Product("Kopi Lanang", "", 50_000, "6281234567890"), true, "budi"));
    assertThat(f.admin.landingContent().find("kemiren").products().get(0).photoUrl())
        .isEqualTo("/foto/kemiren/a.jpg");
    service.editProduct(
        new LandingContentService.EditProduct(
            "kemiren", 0, kopi("/foto/kemiren/b.png"), true, "budi"));
    assertThat(f.admin.landingContent().find("kemiren").products().get(0).photoUrl())
        .isEqualTo("/foto/kemiren/b.png");

    assertThat(
            service.editProduct(
                new LandingContentService.EditProduct("kemiren", 1, kopi(""), true, "budi")))
        .isEqualTo(Outcome.refused(new AdminError.NotFound()));
    assertThat(f.audit())
        .extracting(AuditEntry::action)
        .containsExactly("landing.add.produk", "landing.edit.produk", "landing.edit.produk");
    assertThat(f.audit().get(1).after()).contains("Kopi Lanang").contains("a.jpg");
  }

  @Test
  void removingAnItemIsAuditedWithItsTextAndAnIndexOutsideIsNotFound() {
    service.add(
        new LandingContentService.AddLink(
            "kemiren", new ServiceLink("Lapor", "https://lapor.go.id", ""), "budi"));

    assertThat(
            service.remove(
                new LandingContentService.Remove(
                    "kemiren", LandingContentService.Kind.LINK, 3, "budi")))
        .isEqualTo(Outcome.refused(new AdminError.NotFound()));
    service.remove(
        new LandingContentService.Remove("kemiren", LandingContentService.Kind.LINK, 0, "budi"));

    assertThat(f.admin.landingContent().find("kemiren").links()).isEmpty();
    AuditEntry removed = f.audit().get(1);
    assertThat(removed.action()).isEqualTo("landing.remove.tautan");
    assertThat(removed.before()).contains("Lapor");
    assertThat(f.audit()).hasSize(2);
  }

  @Test
  void replacingListsAuditsEachItemGoneAndNewAndLeavesListsNotGiven() {
    service.add(new LandingContentService.AddProduct("kemiren", kopi(""), "budi"));
    ServiceLink a = new ServiceLink("A", "https://a.example", "");
    ServiceLink b = new ServiceLink("B", "https://b.example", "");
    service.replace(
        new LandingContentService.ReplaceLists("kemiren", List.of(a), null, null, null, "budi"));

    service.replace(
        new LandingContentService.ReplaceLists("kemiren", List.of(b), null, null, true, "budi"));

    LandingContent c = f.admin.landingContent().find("kemiren");
    assertThat(c.links()).containsExactly(b);
    assertThat(c.products()).hasSize(1);
    assertThat(c.replaceConfigLinks()).isTrue();
    assertThat(f.audit())
        .extracting(AuditEntry::action)
        .containsExactly(
            "landing.add.produk",
            "landing.add.tautan",
            "landing.remove.tautan",
            "landing.add.tautan");
  }

  @Test
  void theLinksChoiceAndTheContactAreAuditedOnlyWhenTheyChange() {
    service.setLinksMode(new LandingContentService.LinksMode("kemiren", true, "budi"));
    service.setLinksMode(new LandingContentService.LinksMode("kemiren", true, "budi"));
    service.setContact(new LandingContentService.Contact("kemiren", "0333-123", "budi"));
    service.setContact(new LandingContentService.Contact("kemiren", "0333-123", "budi"));

    assertThat(
            service.setContact(
                new LandingContentService.Contact("kemiren", "x".repeat(301), "budi")))
        .isEqualTo(Outcome.refused(AdminError.Invalid.of("officeContact", "landing.tooLong")));
    assertThat(f.audit())
        .extracting(AuditEntry::action)
        .containsExactly("landing.links.replace", "landing.contact");
  }
}
