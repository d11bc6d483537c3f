package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.village.Village;

/**
 * The kabupaten operator's NAS clients (hotspots) by village: those of the config file read-only,
 * add, edit and remove for those added in the console. Secrets are shown masked; a generated one is
 * shown once, on the page that answers the save.
 */
final class NasClientPages {

  static final String HOTSPOTS = AdminRoutes.KABUPATEN + "/hotspot";

  static final String[] FIELDS = {
    "name", "address", "type", "village", "requireMessageAuthenticator", "coaPort"
  };

  private final AdminParts parts;
  private final RegistryEdits edits;

  NasClientPages(AdminParts parts, RegistryEdits edits) {
    this.parts = parts;
    this.edits = edits;
  }

  /** {@code GET /admin/kabupaten/hotspot}. */
  void list(RoutingContext ctx) {
    String done = ctx.request().getParam("selesai", "");
    parts.run(ctx, () -> listPage(200, defaults(), Map.of(), done, "", null));
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
                .<Reply>map(n -> editPage(200, values(n), Map.of(), n.secret()))
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
              409, defaults(), Map.of(), "", parts.pages.text(ctx, refusal.get()), null);
        });
  }

  private Reply saved(RegistryEdits.SavedNas saved, String done) {
    if (saved.generatedSecret() == null) {
      return new Reply.Redirect(HOTSPOTS + "?selesai=" + done);
    }
    return listPage(200, defaults(), Map.of(), done, "", saved);
  }

  private Reply refused(RoutingContext ctx, String name) {
    boolean inFile = parts.live.base().hotspots().stream().anyMatch(h -> h.name().equals(name));
    String key = inFile ? "registry.fromFile" : "error.notFound";
    return new Reply.Page(
        inFile ? 409 : 404, "message", Map.of("message", parts.pages.text(ctx, key)));
  }

  private FormFields form(RoutingContext ctx) {
    return new FormFields(ctx.request()::getFormAttribute, key -> parts.pages.text(ctx, key));
  }

  private static Map<String, String> defaults() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("type", NasType.MIKROTIK.name());
    v.put("requireMessageAuthenticator", MessageAuthenticatorPolicy.YES.name());
    v.put("coaPort", Integer.toString(NasClient.DEFAULT_COA_PORT));
    return v;
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

  private static Map<String, String> values(NasClientSettings n) {
    NasClient c = n.toNasClient();
    Map<String, String> v = new LinkedHashMap<>();
    v.put("name", c.name());
    v.put("address", c.address());
    v.put("type", c.type().name());
    v.put("village", c.village());
    v.put("requireMessageAuthenticator", c.requireMessageAuthenticator().name());
    v.put("coaPort", Integer.toString(c.coaPort()));
    return v;
  }

  private Reply editPage(
      int status, Map<String, String> values, Map<String, String> errors, String secret) {
    Map<String, Object> model = choices();
    model.put("v", values);
    model.put("errors", errors);
    model.put("editing", true);
    model.put("masked", RegistryEdits.mask(secret));
    return new Reply.Page(status, "hotspot-edit", model);
  }

  private Reply listPage(
      int status,
      Map<String, String> values,
      Map<String, String> errors,
      String done,
      String refusal,
      RegistryEdits.SavedNas generated) {
    KampungConfig config = parts.live.current();
    Map<String, String> names = new HashMap<>();
    for (Village v : config.villages()) {
      names.put(v.id(), v.name());
    }
    Map<String, List<Map<String, Object>>> byVillage = new TreeMap<>();
    for (NasClient nas : config.nasClients()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", nas.name());
      row.put("address", nas.address());
      row.put("type", nas.type().name().toLowerCase(Locale.ROOT));
      row.put("coaPort", nas.coaPort());
      row.put("secret", RegistryEdits.mask(nas.secret()));
      row.put("policy", nas.requireMessageAuthenticator().name());
      row.put(
          "console",
          parts.live.base().hotspots().stream().noneMatch(h -> h.name().equals(nas.name())));
      byVillage.computeIfAbsent(nas.village(), v -> new ArrayList<>()).add(row);
    }
    List<Map<String, Object>> groups = new ArrayList<>();
    byVillage.forEach(
        (id, rows) ->
            groups.add(Map.of("id", id, "name", names.getOrDefault(id, id), "hotspots", rows)));
    Map<String, Object> model = choices();
    model.put("groups", groups);
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

  private Map<String, Object> choices() {
    List<Map<String, String>> villages = new ArrayList<>();
    for (Village v : parts.live.current().villages()) {
      villages.add(Map.of("id", v.id(), "name", v.name()));
    }
    Map<String, Object> model = new HashMap<>();
    model.put("villages", villages);
    model.put("types", Arrays.stream(NasType.values()).map(Enum::name).toList());
    model.put(
        "maPolicies", Arrays.stream(MessageAuthenticatorPolicy.values()).map(Enum::name).toList());
    return model;
  }
}
