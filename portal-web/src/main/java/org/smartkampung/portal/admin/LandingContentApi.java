package org.smartkampung.portal.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.village.LandingContent;
import org.smartkampung.core.village.ServiceLink;
import org.smartkampung.core.village.Village;
import org.smartkampung.portal.admin.service.LandingContentService;

/**
 * {@code /api/admin/v1/villages/:village/landing}: the village landing page's public-service links,
 * news and "Produk Desa" board. PUT replaces the lists it names, each item read as the console's
 * form reads it, in the order given; {@link LandingContentService#replace} saves them and audits
 * every item removed and added as the console does.
 */
final class LandingContentApi {

  private final AdminParts parts;
  private final AdminApi api;
  private final LandingContentPages pages;

  LandingContentApi(AdminParts parts, AdminApi api, LandingContentPages pages) {
    this.parts = parts;
    this.api = api;
    this.pages = pages;
  }

  /** {@code GET .../landing}. */
  void get(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    parts.run(
        ctx, () -> Reply.json(200, json(parts.admin.landingContent().find(village.id()), village)));
  }

  /**
   * {@code PUT .../landing} with {@code {links?, news?, products?, replaceConfigLinks?}}: a list
   * left out stays as it is; {@code replaceConfigLinks} true shows the links without the config
   * file's (false, the default, after them). 400 with {@code errors} keyed like {@code
   * news[0].title}; nothing saved then.
   */
  void put(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    JsonObject body = api.requireBody(ctx);
    if (body == null) {
      return;
    }
    parts.run(
        ctx,
        () -> {
          Map<String, String> errors = new LinkedHashMap<>();
          List<ServiceLink> links = items(ctx, body, "links", errors, LandingContentPages::link);
          List<LandingContent.News> news =
              items(ctx, body, "news", errors, form -> pages.news(form, village));
          List<LandingContent.Product> products =
              items(
                  ctx,
                  body,
                  "products",
                  errors,
                  form -> LandingContentPages.product(form, village));
          if (!errors.isEmpty()) {
            return Reply.json(
                400, new JsonObject().put("errors", new JsonObject(Map.copyOf(errors))).encode());
          }
          Boolean replace = body.getValue("replaceConfigLinks") instanceof Boolean b ? b : null;
          return parts
              .services
              .landing()
              .replace(
                  new LandingContentService.ReplaceLists(
                      village.id(), links, news, products, replace, me.username()))
              .fold(
                  next -> Reply.json(200, json(next, village)),
                  e -> Refusals.json(parts, ctx, e, ""));
        });
  }

  /**
   * The body's list {@code name} read item by item as the console's form would; null when the body
   * leaves it out. Errors are keyed like {@code news[0].title}.
   */
  private <T> List<T> items(
      RoutingContext ctx,
      JsonObject body,
      String name,
      Map<String, String> errors,
      Function<FormFields, T> read) {
    if (!body.containsKey(name)) {
      return null;
    }
    if (!(body.getValue(name) instanceof JsonArray items)) {
      errors.put(name, parts.pages.text(ctx, "form.required"));
      return null;
    }
    List<T> list = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.getValue(i) instanceof JsonObject o ? o : new JsonObject();
      FormFields form =
          new FormFields(f -> AdminApi.text(item, f), key -> parts.pages.text(ctx, key));
      T read1 = read.apply(form);
      int index = i;
      form.errors().forEach((f, message) -> errors.put(name + "[" + index + "]." + f, message));
      list.add(read1);
    }
    return list;
  }

  private static String json(LandingContent c, Village village) {
    JsonArray links = new JsonArray();
    for (ServiceLink l : c.links()) {
      links.add(
          new JsonObject()
              .put("name", l.name())
              .put("url", l.url())
              .put("description", l.description()));
    }
    JsonArray news = new JsonArray();
    for (LandingContent.News n : c.news()) {
      news.add(
          new JsonObject()
              .put("title", n.title())
              .put("body", n.body())
              .put("date", n.publishedAt().atZone(village.timeZone()).toLocalDate().toString()));
    }
    JsonArray products = new JsonArray();
    for (LandingContent.Product p : c.products()) {
      products.add(
          new JsonObject()
              .put("name", p.name())
              .put("photoUrl", p.photoUrl())
              .put("priceRupiah", p.priceRupiah())
              .put("whatsapp", p.whatsapp()));
    }
    return new JsonObject()
        .put("links", links)
        .put("news", news)
        .put("products", products)
        .put("replaceConfigLinks", c.replaceConfigLinks())
        .encode();
  }
}
