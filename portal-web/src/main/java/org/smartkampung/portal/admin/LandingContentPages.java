package org.smartkampung.portal.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.village.LandingContent;
import org.smartkampung.core.village.ProductPhotoStore;
import org.smartkampung.core.village.ServiceLink;
import org.smartkampung.core.village.Village;
import org.smartkampung.portal.admin.service.AdminError;
import org.smartkampung.portal.admin.service.LandingContentService;
import org.smartkampung.portal.admin.service.Outcome;
import org.smartkampung.portal.admin.service.ProductPhotos;
import org.smartkampung.portal.page.Formats;
import org.smartkampung.portal.security.SafeUrl;

/**
 * What the village's landing page shows besides the login: public-service links (after the config
 * file's, or instead of them when the admin chooses so), news and the "Produk Desa" board. Each add
 * or remove is one store write, audited. Counts are capped so the landing page stays light.
 */
final class LandingContentPages {

  static final int MAX_LINKS = LandingContentService.MAX_LINKS;
  static final int MAX_NEWS = LandingContentService.MAX_NEWS;
  static final int MAX_PRODUCTS = LandingContentService.MAX_PRODUCTS;

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
          Outcome<LandingContent> added = add(ctx, kind, form, village, me);
          if (added instanceof Outcome.Refused<LandingContent> refused) {
            Refusals.into(form, refused.error());
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
          return new Reply.Redirect(AdminRoutes.villagePath(village.id()) + "/beranda");
        });
  }

  /** Adds the item of {@code kind} in the form; Invalid (errors in form) when it is not right. */
  private Outcome<LandingContent> add(
      RoutingContext ctx, String kind, FormFields form, Village village, AdminAccount me) {
    LandingContentService service = parts.services.landing();
    String actor = me.username();
    switch (kind) {
      case "tautan" -> {
        ServiceLink link = link(form);
        return form.ok()
            ? service.add(new LandingContentService.AddLink(village.id(), link, actor))
            : invalid();
      }
      case "berita" -> {
        LandingContent.News news = news(form, village);
        return form.ok()
            ? service.add(new LandingContentService.AddNews(village.id(), news, actor))
            : invalid();
      }
      case "produk" -> {
        LandingContent.Product product = product(form, village);
        if (!form.ok()) {
          return invalid();
        }
        Outcome<String> photo = uploadedPhoto(ctx, village);
        if (photo instanceof Outcome.Refused<String> r) {
          return Outcome.refused(r.error());
        }
        if (photo instanceof Outcome.Done<String> d && d.value() != null) {
          product = withPhoto(product, d.value());
        }
        Outcome<LandingContent> added =
            service.add(new LandingContentService.AddProduct(village.id(), product, actor));
        if (added instanceof Outcome.Refused && photo instanceof Outcome.Done<String> d) {
          service.photos().deleteIfOwn(d.value(), village.id());
        }
        return added;
      }
      default -> {
        form.error("name", "error.notFound");
        return invalid();
      }
    }
  }

  /**
   * The photo file of a multipart form, checked and stored (blocking): its path, a null value when
   * none was chosen, or Invalid on {@code photo}.
   */
  private Outcome<String> uploadedPhoto(RoutingContext ctx, Village village) {
    for (FileUpload upload : ctx.fileUploads()) {
      if (!upload.name().equals("photo") || upload.size() == 0) {
        continue;
      }
      if (upload.size() > ProductPhotos.MAX_BYTES) {
        return Outcome.refused(AdminError.Invalid.of("photo", "landing.photoTooBig"));
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(Path.of(upload.uploadedFileName()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return parts.services.landing().photos().store(village.id(), bytes);
    }
    return Outcome.done(null);
  }

  private static LandingContent.Product withPhoto(LandingContent.Product p, String photoUrl) {
    return new LandingContent.Product(p.name(), photoUrl, p.priceRupiah(), p.whatsapp());
  }

  private static <T> Outcome<T> invalid() {
    return Outcome.refused(new AdminError.Invalid(Map.of()));
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
          parts
              .services
              .landing()
              .setLinksMode(
                  new LandingContentService.LinksMode(
                      village.id(), mode.equals("ganti"), me.username()));
          return new Reply.Redirect(AdminRoutes.villagePath(village.id()) + "/beranda");
        });
  }

  /** The longest kantor desa contact text. */
  static final int MAX_CONTACT_CHARS = LandingContentService.MAX_CONTACT_CHARS;

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
          parts
              .services
              .landing()
              .setContact(new LandingContentService.Contact(village.id(), contact, me.username()));
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
          LandingContentService.Kind k = LandingContentService.Kind.of(kind);
          int i;
          try {
            i = Integer.parseInt(index);
          } catch (NumberFormatException e) {
            i = -1;
          }
          if (k == null) {
            return Refusals.page(parts, ctx, new AdminError.NotFound(), "error.notFound");
          }
          return parts
              .services
              .landing()
              .remove(new LandingContentService.Remove(village.id(), k, i, me.username()))
              .fold(
                  c -> new Reply.Redirect(AdminRoutes.villagePath(village.id()) + "/beranda"),
                  e -> Refusals.page(parts, ctx, e, "error.notFound"));
        });
  }

  /** A link from fields {@code name, url, description?}; errors in form. */
  static ServiceLink link(FormFields form) {
    String name = required(form, "name", 80);
    String url = SafeUrl.httpTarget(form.text("url")).orElse(null);
    if (url == null) {
      form.error("url", "landing.badUrl");
    }
    String description = optional(form, "description", 160);
    return new ServiceLink(name, url == null ? "" : url, description);
  }

  /** A news item from fields {@code title, body, date?} (today when empty); errors in form. */
  LandingContent.News news(FormFields form, Village village) {
    String title = required(form, "title", 120);
    String body = required(form, "body", 2000);
    LocalDate date = LocalDate.now(parts.clock.withZone(village.timeZone()));
    if (!form.text("date").isEmpty()) {
      date = form.formats().parseDate(form.text("date")).orElse(null);
      if (date == null) {
        form.error("date", "landing.badDate");
        date = LocalDate.now(parts.clock.withZone(village.timeZone()));
      }
    }
    return new LandingContent.News(title, body, date.atStartOfDay(village.timeZone()).toInstant());
  }

  /**
   * A Produk Desa item from fields {@code name, photoUrl, priceRupiah, whatsapp}; errors in form.
   */
  static LandingContent.Product product(FormFields form, Village village) {
    String name = required(form, "name", 80);
    String photo = form.text("photoUrl");
    if (!photo.isEmpty()
        && !ProductPhotos.isOwn(photo, village.id())
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
                  p,
                  Map.of(
                      "name",
                      p.name(),
                      // An uploaded photo shows as a picture; only an outside address is typed.
                      "photoUrl",
                      ProductPhotos.isOwn(p.photoUrl(), village.id()) ? "" : p.photoUrl(),
                      "priceRupiah",
                      f.whole(p.priceRupiah()),
                      "whatsapp",
                      wa),
                  Map.of()));
        });
  }

  /**
   * {@code POST /admin/desa/:village/beranda/produk/:index}: saves the edited item, audited. The
   * photo stays unless a new file or address is given or {@code hapusFoto} is ticked.
   */
  void saveProduct(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    String index = ctx.pathParam("index");
    FormFields form = parts.form(ctx);
    LandingContent.Product typed = product(form, village);
    boolean removePhoto = !form.text("hapusFoto").isEmpty();
    parts.run(
        ctx,
        () -> {
          int i = index(index, Integer.MAX_VALUE);
          List<LandingContent.Product> products =
              parts.services.landing().find(village.id()).products();
          if (i < 0 || i >= products.size()) {
            return Refusals.page(parts, ctx, new AdminError.NotFound(), "error.notFound");
          }
          Outcome<String> photo = form.ok() ? uploadedPhoto(ctx, village) : Outcome.done(null);
          if (photo instanceof Outcome.Refused<String> r) {
            Refusals.into(form, r.error());
          }
          if (!form.ok()) {
            Map<String, String> submitted = new HashMap<>();
            for (String field : List.of("name", "photoUrl", "priceRupiah", "whatsapp")) {
              submitted.put(field, form.text(field));
            }
            return new Reply.Page(
                400,
                "product-edit",
                productModel(village, i, products.get(i), submitted, form.errors()));
          }
          String uploaded = ((Outcome.Done<String>) photo).value();
          LandingContent.Product edited = uploaded == null ? typed : withPhoto(typed, uploaded);
          return parts
              .services
              .landing()
              .editProduct(
                  new LandingContentService.EditProduct(
                      village.id(), i, edited, !removePhoto, me.username()))
              .fold(
                  p -> new Reply.Redirect(AdminRoutes.villagePath(village.id()) + "/beranda"),
                  e -> Refusals.page(parts, ctx, e, "error.notFound"));
        });
  }

  /**
   * {@code GET /foto/:village/:photo}: an uploaded Produk Desa photo, to everyone. Its id never
   * names other bytes, so it is cached for a year; nosniff keeps it an image.
   */
  void photo(RoutingContext ctx) {
    String village = ctx.pathParam("village");
    String id = ctx.pathParam("photo");
    if (!ProductPhotoStore.valid(village, id)) {
      ctx.response().setStatusCode(404).end();
      return;
    }
    parts
        .vertx
        .executeBlocking(() -> parts.services.landing().photos().find(village, id), false)
        .onSuccess(
            bytes -> {
              if (bytes.isEmpty()) {
                ctx.response().setStatusCode(404).end();
                return;
              }
              ctx.response()
                  .putHeader("Content-Type", ProductPhotoStore.contentType(id))
                  .putHeader("X-Content-Type-Options", "nosniff")
                  .putHeader("Cache-Control", "public, max-age=31536000, immutable")
                  .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
                  .end(Buffer.buffer(bytes.get()));
            })
        .onFailure(ctx::fail);
  }

  /** A photo upload over the body limit: 413 with a message saying how large a photo may be. */
  void uploadFailed(RoutingContext ctx) {
    if (ctx.statusCode() != 413) {
      ctx.next();
      return;
    }
    parts.send(
        ctx,
        new Reply.Page(
            413, "message", Map.of("message", parts.pages.text(ctx, "landing.photoTooBig"))));
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
      Village village,
      int index,
      LandingContent.Product current,
      Map<String, String> values,
      Map<String, String> errors) {
    Map<String, Object> model = new HashMap<>();
    model.put("village", VillagePages.view(village));
    model.put("index", index);
    model.put(
        "photo", ProductPhotos.isOwn(current.photoUrl(), village.id()) ? current.photoUrl() : "");
    model.put("maxPhoto", "2 MB");
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
                        // Only our own uploads: the console loads nothing from outside.
                        "photo",
                            ProductPhotos.isOwn(p.photoUrl(), village.id()) ? p.photoUrl() : "",
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
