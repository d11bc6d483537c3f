package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;

/**
 * The kabupaten operator's NAS clients (hotspots) by village: those of the config file read-only,
 * add, edit and remove for those added in the console. Secrets are shown masked; a generated one is
 * shown once, on the page that answers the save.
 */
final class NasClientPages {

  static final String HOTSPOTS = AdminRoutes.KABUPATEN + "/hotspot";

  static final String[] FIELDS = {
    "name",
    "address",
    "type",
    "village",
    "requireMessageAuthenticator",
    "coaPort",
    "loginHost",
    "certificate"
  };

  private final AdminParts parts;
  private final NasClientEdits edits;

  NasClientPages(AdminParts parts, NasClientEdits edits) {
    this.parts = parts;
    this.edits = edits;
  }

  /** Hotspots on one page of the list; 1,400 hotspots stay far under 100 KB a page. */
  static final int PAGE_SIZE = 50;

  /**
   * What the list shows: a search in name, address and village, a kecamatan, a state word ({@code
   * mati}, {@code sepi}, {@code menyala}, {@code belum}) and a page from 1.
   */
  record Filter(String search, String kecamatan, String state, int page) {
    static final Filter NONE = new Filter("", "", "", 1);

    static Filter of(RoutingContext ctx) {
      int page;
      try {
        page = Math.max(1, Integer.parseInt(ctx.request().getParam("hal", "1").trim()));
      } catch (NumberFormatException e) {
        page = 1;
      }
      return new Filter(
          ctx.request().getParam("cari", "").trim(),
          ctx.request().getParam("kecamatan", "").trim(),
          ctx.request().getParam("keadaan", "").trim(),
          page);
    }

    boolean matches(HotspotStates.Row row) {
      String needle = search.toLowerCase(Locale.ROOT);
      boolean found =
          needle.isEmpty()
              || row.nas().name().toLowerCase(Locale.ROOT).contains(needle)
              || (row.nas().hasAddress()
                  && row.nas().address().toLowerCase(Locale.ROOT).contains(needle))
              || row.villageName().toLowerCase(Locale.ROOT).contains(needle)
              || row.villageId().contains(needle);
      return found
          && (kecamatan.isEmpty() || kecamatan.equals(row.kecamatan()))
          && (state.isEmpty() || state.equals(row.stateWord()));
    }

    /** The query string of this filter on page {@code n}. */
    String query(int n) {
      return "?cari="
          + encode(search)
          + "&kecamatan="
          + encode(kecamatan)
          + "&keadaan="
          + encode(state)
          + "&hal="
          + n;
    }

    private static String encode(String s) {
      return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** {@code GET /admin/kabupaten/hotspot?cari=&kecamatan=&keadaan=&hal=}. */
  void list(RoutingContext ctx) {
    String done = ctx.request().getParam("selesai", "");
    Filter filter = Filter.of(ctx);
    parts.run(
        ctx, () -> listPage(200, NasClientViews.defaults(), Map.of(), done, "", null, filter));
  }

  /** {@code POST /admin/kabupaten/hotspot}: answered with the page, so a new secret shows once. */
  void create(RoutingContext ctx) {
    FormFields form = form(ctx);
    parts.run(
        ctx,
        () ->
            edits
                .saveNasClient(form, null, AdminParts.account(ctx))
                .map(saved -> saved(saved, "created"))
                .orElseGet(() -> listPage(400, submitted(form), form.errors(), "", "", null)));
  }

  /** {@code GET /admin/kabupaten/hotspot/:name}. */
  void editForm(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    parts.run(
        ctx,
        () ->
            parts
                .live
                .registry()
                .nasClient(name)
                .<Reply>map(n -> editPage(200, NasClientViews.values(n), Map.of(), n.secret()))
                .orElseGet(() -> refused(ctx, name)));
  }

  /** {@code POST /admin/kabupaten/hotspot/:name}: an empty secret keeps the old one. */
  void update(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    FormFields form = form(ctx);
    parts.run(
        ctx,
        () -> {
          Optional<NasClientSettings> before = parts.live.registry().nasClient(name);
          if (before.isEmpty()) {
            return refused(ctx, name);
          }
          Map<String, String> submitted = submitted(form);
          submitted.put("name", name);
          return edits
              .saveNasClient(form, name, AdminParts.account(ctx))
              .map(saved -> saved(saved, "updated"))
              .orElseGet(() -> editPage(400, submitted, form.errors(), before.get().secret()));
        });
  }

  /** {@code POST /admin/kabupaten/hotspot/:name/hapus}. */
  void remove(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    parts.run(
        ctx,
        () -> {
          Optional<String> refusal = edits.removeNasClient(name, AdminParts.account(ctx));
          if (refusal.isEmpty()) {
            return new Reply.Redirect(HOTSPOTS + "?selesai=removed");
          }
          return listPage(
              409,
              NasClientViews.defaults(),
              Map.of(),
              "",
              parts.pages.text(ctx, refusal.get()),
              null);
        });
  }

  private Reply saved(NasClientEdits.SavedNas saved, String done) {
    if (saved.generatedSecret() == null) {
      return new Reply.Redirect(HOTSPOTS + "?selesai=" + done);
    }
    return listPage(200, NasClientViews.defaults(), Map.of(), done, "", saved);
  }

  private Reply refused(RoutingContext ctx, String name) {
    boolean inFile = parts.live.base().hotspots().stream().anyMatch(h -> h.name().equals(name));
    String key = inFile ? "registry.fromFile" : "error.notFound";
    return new Reply.Page(
        inFile ? 409 : 404, "message", Map.of("message", parts.pages.text(ctx, key)));
  }

  private FormFields form(RoutingContext ctx) {
    return parts.form(ctx);
  }

  private static Map<String, String> submitted(FormFields form) {
    Map<String, String> v = new LinkedHashMap<>();
    for (String field : FIELDS) {
      v.put(field, form.text(field));
    }
    v.computeIfPresent("type", (k, t) -> t.toUpperCase(Locale.ROOT));
    v.computeIfPresent("requireMessageAuthenticator", (k, t) -> t.toUpperCase(Locale.ROOT));
    return v;
  }

  private Reply editPage(
      int status, Map<String, String> values, Map<String, String> errors, String secret) {
    Map<String, Object> model = NasClientViews.choices(parts.live.current());
    model.put("v", values);
    model.put("errors", errors);
    model.put("editing", true);
    model.put("masked", NasClientEdits.mask(secret));
    return new Reply.Page(status, "hotspot-edit", model);
  }

  private Reply listPage(
      int status,
      Map<String, String> values,
      Map<String, String> errors,
      String done,
      String refusal,
      NasClientEdits.SavedNas generated) {
    return listPage(status, values, errors, done, refusal, generated, Filter.NONE);
  }

  private Reply listPage(
      int status,
      Map<String, String> values,
      Map<String, String> errors,
      String done,
      String refusal,
      NasClientEdits.SavedNas generated,
      Filter filter) {
    KampungConfig config = parts.live.current();
    List<HotspotStates.Row> all =
        HotspotStates.all(
            config, parts.stores.hotspotSightings().lastSeen(), parts.clock.instant());
    List<HotspotStates.Row> shown = all.stream().filter(filter::matches).toList();
    int pages = Math.max(1, (shown.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    int page = Math.min(filter.page(), pages);
    List<HotspotStates.Row> onPage =
        shown.subList((page - 1) * PAGE_SIZE, Math.min(shown.size(), page * PAGE_SIZE));
    Map<String, Object> model =
        NasClientViews.list(config, parts.live.base(), onPage, all, shown.size());
    model.put(
        "filter",
        Map.of(
            "search", filter.search(), "kecamatan", filter.kecamatan(), "state", filter.state()));
    model.put("page", page);
    model.put("pages", pages);
    model.put("prevUrl", page > 1 ? HOTSPOTS + filter.query(page - 1) : "");
    model.put("nextUrl", page < pages ? HOTSPOTS + filter.query(page + 1) : "");
    model.put("radsec", NasClientViews.radSec(config, parts.radSecLinks.connected()));
    model.put("v", values);
    model.put("errors", errors);
    model.put("done", done);
    model.put("refusal", refusal);
    model.put("editing", false);
    if (generated != null) {
      model.put("generated", generated.generatedSecret());
      model.put("generatedFor", generated.client().name());
    }
    return new Reply.Page(status, "hotspots", model);
  }
}
