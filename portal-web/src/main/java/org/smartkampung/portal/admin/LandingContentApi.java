package org.smartkampung.portal.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.village.LandingContent;
import org.smartkampung.core.village.ServiceLink;
import org.smartkampung.core.village.Village;

/**
 * {@code /api/admin/v1/villages/:village/landing}: the village landing page's public-service links,
 * news and "Produk Desa" board. PUT replaces the lists it names, each item checked by {@link
 * LandingContentPages#added} as if added on the console page, in the order given; the audit log
 * gets the page's entries for every item removed and added.
 */
final class LandingContentApi {

  /** The JSON lists by the console's kinds. */
  private static final Map<String, String> KINDS =
      Map.of("links", "tautan", "news", "berita", "products", "produk");

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
          LandingContent before = parts.admin.landingContent().find(village.id());
          boolean replace =
              body.getValue("replaceConfigLinks") instanceof Boolean b
                  ? b
                  : before.replaceConfigLinks();
          LandingContent next =
              before.withLists(List.of(), List.of(), List.of()).withReplaceConfigLinks(replace);
          Map<String, String> errors = new LinkedHashMap<>();
          for (String list : List.of("links", "news", "products")) {
            if (!body.containsKey(list)) {
              next = keep(next, before, list);
              continue;
            }
            if (!(body.getValue(list) instanceof JsonArray items)) {
              errors.put(list, parts.pages.text(ctx, "form.required"));
              continue;
            }
            // The page puts each new item of news first; adding in reverse keeps the given order.
            boolean reverse = list.equals("news");
            for (int n = 0; n < items.size(); n++) {
              int i = reverse ? items.size() - 1 - n : n;
              JsonObject item = items.getValue(i) instanceof JsonObject o ? o : new JsonObject();
              FormFields form =
                  new FormFields(f -> AdminApi.text(item, f), key -> parts.pages.text(ctx, key));
              LandingContent added = pages.added(next, KINDS.get(list), form, village);
              if (added == null) {
                form.errors()
                    .forEach((f, message) -> errors.put(list + "[" + i + "]." + f, message));
              } else {
                next = added;
              }
            }
          }
          if (!errors.isEmpty()) {
            return Reply.json(
                400, new JsonObject().put("errors", new JsonObject(Map.copyOf(errors))).encode());
          }
          parts.admin.landingContent().put(next);
          audit(me, village, "tautan", before.links(), next.links());
          audit(me, village, "berita", before.news(), next.news());
          audit(me, village, "produk", before.products(), next.products());
          return Reply.json(200, json(next, village));
        });
  }

  private static LandingContent keep(LandingContent next, LandingContent before, String list) {
    return switch (list) {
      case "links" -> next.withLists(before.links(), next.news(), next.products());
      case "news" -> next.withLists(next.links(), before.news(), next.products());
      default -> next.withLists(next.links(), next.news(), before.products());
    };
  }

  /** The page's entries: one per item gone (its text before), one per item new (its name). */
  private void audit(AdminAccount me, Village village, String kind, List<?> before, List<?> after) {
    List<Object> gone = new ArrayList<>(before);
    after.forEach(gone::remove);
    List<Object> added = new ArrayList<>(after);
    before.forEach(added::remove);
    for (Object item : gone) {
      parts.audit.record(
          me.username(), village.id(), "landing.remove." + kind, village.id(), item.toString(), "");
    }
    for (Object item : added) {
      String name = item.toString();
      if (item instanceof ServiceLink l) {
        name = l.name();
      } else if (item instanceof LandingContent.News n) {
        name = n.title();
      } else if (item instanceof LandingContent.Product p) {
        name = p.name();
      }
      parts.audit.record(
          me.username(), village.id(), "landing.add." + kind, village.id(), "", name);
    }
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
