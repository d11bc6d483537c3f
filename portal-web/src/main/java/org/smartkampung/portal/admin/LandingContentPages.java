package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.village.LandingContent;
import org.smartkampung.core.village.ServiceLink;
import org.smartkampung.core.village.Village;
import org.smartkampung.portal.page.Formats;
import org.smartkampung.portal.security.SafeUrl;

/**
 * What the village's landing page shows besides the login: public-service links (after the config
 * file's, or instead of them when the admin chooses so), news and the "Produk Desa" board. Each add
 * or remove is one store write, audited. Counts are capped so the landing page stays light.
 */
final class LandingContentPages {

  static final int MAX_LINKS = 12;
  static final int MAX_NEWS = 10;
  static final int MAX_PRODUCTS = 20;

  /** Indonesian mobile numbers: 08… or 628…, 10 to 15 digits in all. */
  static final Pattern WHATSAPP = Pattern.compile("(?:08|628)\\d{7,12}");

  private final AdminParts parts;

  LandingContentPages(AdminParts parts) {
    this.parts = parts;
  }

  /** {@code GET /admin/desa/:village/beranda}. */
  void form(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    Formats f = parts.formats(ctx);
    parts.run(ctx, () -> Reply.page("landing", model(village, f, Map.of(), Map.of())));
  }

  /** {@code POST /admin/desa/:village/beranda/:kind} with kind tautan, berita or produk. */
  void add(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    String kind = ctx.pathParam("kind");
    FormFields form = parts.form(ctx);
    parts.run(
        ctx,
        () -> {
          LandingContent before = parts.admin.landingContent().find(village.id());
          LandingContent next = added(before, kind, form, village);
          if (next == null) {
            Map<String, String> submitted = new HashMap<>();
            for (String f :
                List.of(
                    "name",
                    "url",
                    "description",
                    "title",
                    "body",
                    "date",
                    "photoUrl",
                    "priceRupiah",
                    "whatsapp")) {
              submitted.put(f, form.text(f));
            }
            return new Reply.Page(
                400, "landing", model(village, form.formats(), submitted, form.errors()));
          }
          parts.admin.landingContent().put(next);
          parts.audit.record(
              me.username(),
              village.id(),
              "landing.add." + kind,
              village.id(),
              "",
              form.text(kind.equals("berita") ? "title" : "name"));
          return new Reply.Redirect(AdminRoutes.villagePath(village.id()) + "/beranda");
        });
  }

  /**
   * {@code POST /admin/desa/:village/beranda/tautan-asal} with {@code mode} {@code tambah} (the
   * admin's links follow the config file's) or {@code ganti} (the admin's links alone).
   */
  void linksMode(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    String mode = SignInPages.value(ctx, "mode");
    parts.run(
        ctx,
        () -> {
          if (!mode.equals("tambah") && !mode.equals("ganti")) {
            return new Reply.Page(
                400, "message", Map.of("message", parts.pages.text(ctx, "form.fix")));
          }
          LandingContent before = parts.admin.landingContent().find(village.id());
          boolean replace = mode.equals("ganti");
          if (before.replaceConfigLinks() != replace) {
            parts.admin.landingContent().put(before.withReplaceConfigLinks(replace));
            parts.audit.record(
                me.username(),
                village.id(),
                replace ? "landing.links.replace" : "landing.links.add",
                village.id(),
                before.replaceConfigLinks() ? "ganti" : "tambah",
                mode);
          }
          return new Reply.Redirect(AdminRoutes.villagePath(village.id()) + "/beranda");
        });
  }

  /** The longest kantor desa contact text. */
  static final int MAX_CONTACT_CHARS = 300;

  /**
   * {@code POST /admin/desa/:village/beranda/kontak}: the kantor desa contact; empty removes it.
   */
  void contact(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    FormFields form = parts.form(ctx);
    String contact = optional(form, "officeContact", MAX_CONTACT_CHARS);
    parts.run(
        ctx,
        () -> {
          if (!form.ok()) {
            return new Reply.Page(
                400,
                "landing",
                model(village, form.formats(), Map.of("officeContact", contact), form.errors()));
          }
          LandingContent before = parts.admin.landingContent().find(village.id());
          if (!before.officeContact().equals(contact)) {
            parts.admin.landingContent().put(before.withOfficeContact(contact));
            parts.audit.record(
                me.username(),
                village.id(),
                "landing.contact",
                village.id(),
                before.officeContact(),
                contact);
          }
          return new Reply.Redirect(AdminRoutes.villagePath(village.id()) + "/beranda");
        });
  }

  /** {@code POST /admin/desa/:village/beranda/hapus} with {@code kind} and {@code index}. */
  void remove(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    String kind = SignInPages.value(ctx, "kind");
    String index = SignInPages.value(ctx, "index");
    parts.run(
        ctx,
        () -> {
          LandingContent c = parts.admin.landingContent().find(village.id());
          List<ServiceLink> links = new ArrayList<>(c.links());
          List<LandingContent.News> news = new ArrayList<>(c.news());
          List<LandingContent.Product> products = new ArrayList<>(c.products());
          List<?> list =
              switch (kind) {
                case "tautan" -> links;
                case "berita" -> news;
                case "produk" -> products;
                default -> null;
              };
          int i;
          try {
            i = Integer.parseInt(index);
          } catch (NumberFormatException e) {
            i = -1;
          }
          if (list == null || i < 0 || i >= list.size()) {
            return new Reply.Page(
                404, "message", Map.of("message", parts.pages.text(ctx, "error.notFound")));
          }
          String removed = list.remove(i).toString();
          parts.admin.landingContent().put(c.withLists(links, news, products));
          parts.audit.record(
              me.username(), village.id(), "landing.remove." + kind, village.id(), removed, "");
          return new Reply.Redirect(AdminRoutes.villagePath(village.id()) + "/beranda");
        });
  }

  /** {@code c} with one item from the form added, or null with errors in {@code form}. */
  LandingContent added(LandingContent c, String kind, FormFields form, Village village) {
    List<ServiceLink> links = new ArrayList<>(c.links());
    List<LandingContent.News> news = new ArrayList<>(c.news());
    List<LandingContent.Product> products = new ArrayList<>(c.products());
    switch (kind) {
      case "tautan" -> {
        String name = required(form, "name", 80);
        String url = SafeUrl.httpTarget(form.text("url")).orElse(null);
        if (url == null) {
          form.error("url", "landing.badUrl");
        }
        String description = optional(form, "description", 160);
        if (links.size() >= MAX_LINKS) {
          form.error("name", "landing.full");
        }
        if (form.ok()) {
          links.add(new ServiceLink(name, url, description));
        }
      }
      case "berita" -> {
        String title = required(form, "title", 120);
        String body = required(form, "body", 2000);
        LocalDate date = LocalDate.now(parts.clock.withZone(village.timeZone()));
        if (!form.text("date").isEmpty()) {
          date = form.formats().parseDate(form.text("date")).orElse(null);
          if (date == null) {
            form.error("date", "landing.badDate");
          }
        }
        if (news.size() >= MAX_NEWS) {
          form.error("title", "landing.full");
        }
        if (form.ok()) {
          news.add(
              0,
              new LandingContent.News(
                  title, body, date.atStartOfDay(village.timeZone()).toInstant()));
        }
      }
      case "produk" -> {
        LandingContent.Product product = product(form);
        if (products.size() >= MAX_PRODUCTS) {
          form.error("name", "landing.full");
        }
        if (form.ok()) {
          products.add(product);
        }
      }
      default -> form.error("name", "error.notFound");
    }
    return form.ok() ? c.withLists(links, news, products) : null;
  }

  /**
   * A Produk Desa item from fields {@code name, photoUrl, priceRupiah, whatsapp}; errors in form.
   */
  static LandingContent.Product product(FormFields form) {
    String name = required(form, "name", 80);
    String photo = form.text("photoUrl");
    if (!photo.isEmpty()
        && (!photo.startsWith("https://") || SafeUrl.httpTarget(photo).isEmpty())) {
      form.error("photoUrl", "landing.photo");
    }
    long price = form.requiredLong("priceRupiah", 0, 1_000_000_000L);
    String wa = form.text("whatsapp").replaceAll("[\\s-]", "");
    if (wa.startsWith("+")) {
      wa = wa.substring(1);
    }
    if (!WHATSAPP.matcher(wa).matches()) {
      form.error("whatsapp", "landing.whatsapp");
    }
    String international = wa.startsWith("0") ? "62" + wa.substring(1) : wa;
    return new LandingContent.Product(name, photo, price, international);
  }

  /** {@code GET /admin/desa/:village/beranda/produk/:index}: the edit form of one item. */
  void productForm(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    String index = ctx.pathParam("index");
    Formats f = parts.formats(ctx);
    parts.run(
        ctx,
        () -> {
          List<LandingContent.Product> products =
              parts.admin.landingContent().find(village.id()).products();
          int i = index(index, products.size());
          if (i < 0) {
            return new Reply.Page(
                404, "message", Map.of("message", parts.pages.text(ctx, "error.notFound")));
          }
          LandingContent.Product p = products.get(i);
          String wa =
              p.whatsapp().startsWith("62") ? "0" + p.whatsapp().substring(2) : p.whatsapp();
          return Reply.page(
              "product-edit",
              productModel(
                  village,
                  i,
                  Map.of(
                      "name", p.name(),
                      "photoUrl", p.photoUrl(),
                      "priceRupiah", f.whole(p.priceRupiah()),
                      "whatsapp", wa),
                  Map.of()));
        });
  }

  /** {@code POST /admin/desa/:village/beranda/produk/:index}: saves the edited item, audited. */
  void saveProduct(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    String index = ctx.pathParam("index");
    FormFields form = parts.form(ctx);
    LandingContent.Product edited = product(form);
    parts.run(
        ctx,
        () -> {
          LandingContent c = parts.admin.landingContent().find(village.id());
          int i = index(index, c.products().size());
          if (i < 0) {
            return new Reply.Page(
                404, "message", Map.of("message", parts.pages.text(ctx, "error.notFound")));
          }
          if (!form.ok()) {
            Map<String, String> submitted = new HashMap<>();
            for (String field : List.of("name", "photoUrl", "priceRupiah", "whatsapp")) {
              submitted.put(field, form.text(field));
            }
            return new Reply.Page(
                400, "product-edit", productModel(village, i, submitted, form.errors()));
          }
          List<LandingContent.Product> products = new ArrayList<>(c.products());
          LandingContent.Product before = products.set(i, edited);
          parts.admin.landingContent().put(c.withLists(c.links(), c.news(), products));
          parts.audit.record(
              me.username(),
              village.id(),
              "landing.edit.produk",
              village.id(),
              before.toString(),
              edited.toString());
          return new Reply.Redirect(AdminRoutes.villagePath(village.id()) + "/beranda");
        });
  }

  private static int index(String text, int size) {
    try {
      int i = Integer.parseInt(text);
      return i >= 0 && i < size ? i : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Map<String, Object> productModel(
      Village village, int index, Map<String, String> values, Map<String, String> errors) {
    Map<String, Object> model = new HashMap<>();
    model.put("village", VillagePages.view(village));
    model.put("index", index);
    model.put("v", values);
    model.put("errors", errors);
    return model;
  }

  private static String required(FormFields form, String field, int maxChars) {
    String v = form.text(field);
    if (v.isEmpty()) {
      form.error(field, "form.required");
    } else if (v.length() > maxChars) {
      form.error(field, "landing.tooLong");
    }
    return v;
  }

  private static String optional(FormFields form, String field, int maxChars) {
    String v = form.text(field);
    if (v.length() > maxChars) {
      form.error(field, "landing.tooLong");
    }
    return v;
  }

  private Map<String, Object> model(
      Village village, Formats f, Map<String, String> values, Map<String, String> errors) {
    LandingContent c = parts.admin.landingContent().find(village.id());
    Map<String, Object> model = new HashMap<>();
    model.put("village", VillagePages.view(village));
    model.put("links", c.links());
    model.put(
        "news",
        c.news().stream()
            .map(
                n ->
                    Map.of(
                        "title", n.title(),
                        "date", f.date(n.publishedAt().atZone(village.timeZone()).toLocalDate()),
                        "body", n.body()))
            .toList());
    model.put(
        "products",
        c.products().stream()
            .map(
                p ->
                    Map.of(
                        "name", p.name(),
                        "photo", p.photoUrl(),
                        "price", f.rupiah(p.priceRupiah()),
                        "wa", p.whatsapp()))
            .toList());
    model.put("configLinks", village.services());
    model.put("replaceConfigLinks", c.replaceConfigLinks());
    Map<String, String> shown = new HashMap<>(values);
    shown.putIfAbsent("officeContact", c.officeContact());
    model.put("v", shown);
    model.put("errors", errors);
    return model;
  }
}
