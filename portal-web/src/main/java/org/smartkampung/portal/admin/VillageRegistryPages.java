package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.village.RegisteredVillage;
import org.smartkampung.core.village.Village;

/**
 * The kabupaten operator's village list: every village, those of the config file read-only, and
 * add, edit and remove for villages added in the console (through {@link VillageEdits}).
 */
final class VillageRegistryPages {

  static final String VILLAGES = AdminRoutes.KABUPATEN + "/desa";

  static final String[] FIELDS = {"id", "name", "kecamatan", "timeZone", "policy", "macAuth"};

  /** The bandwidth package, APBDes budget line and village daily cap, on the add and edit forms. */
  static final String[] PACKAGE_FIELDS = {
    "downlinkMbps", "uplinkMbps", "monthlyGb", "budgetYear", "budgetRupiah", "villageDailyGb"
  };

  private final AdminParts parts;
  private final VillageEdits edits;

  VillageRegistryPages(AdminParts parts, VillageEdits edits) {
    this.parts = parts;
    this.edits = edits;
  }

  /** {@code GET /admin/kabupaten/desa}. */
  void list(RoutingContext ctx) {
    String done = ctx.request().getParam("selesai", "");
    Map<String, String> empty = Map.of("timeZone", Village.DEFAULT_ZONE.getId());
    parts.run(ctx, () -> listPage(200, empty, Map.of(), done, ""));
  }

  /** {@code POST /admin/kabupaten/desa}: a new village, all fields valid or nothing saved. */
  void create(RoutingContext ctx) {
    FormFields form = form(ctx);
    parts.run(
        ctx,
        () ->
            edits
                .saveVillage(form, null, AdminParts.account(ctx))
                .<Reply>map(v -> new Reply.Redirect(VILLAGES + "?selesai=created"))
                .orElseGet(() -> listPage(400, submitted(form), form.errors(), "", "")));
  }

  /** {@code GET /admin/kabupaten/desa/:id}: the edit form of a console village. */
  void editForm(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    parts.run(
        ctx,
        () ->
            parts
                .live
                .registry()
                .village(id)
                .<Reply>map(v -> editPage(200, withSettings(values(v), v, ctx), Map.of()))
                .orElseGet(() -> refused(ctx, id)));
  }

  /** {@code POST /admin/kabupaten/desa/:id}. */
  void update(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    FormFields form = form(ctx);
    parts.run(
        ctx,
        () -> {
          if (parts.live.registry().village(id).isEmpty()) {
            return refused(ctx, id);
          }
          Map<String, String> submitted = submitted(form);
          submitted.put("id", id);
          return edits
              .saveVillage(form, id, AdminParts.account(ctx))
              .<Reply>map(v -> new Reply.Redirect(VILLAGES + "?selesai=updated"))
              .orElseGet(() -> editPage(400, submitted, form.errors()));
        });
  }

  /** {@code POST /admin/kabupaten/desa/:id/hapus}: refused while the village has NAS clients. */
  void remove(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    parts.run(
        ctx,
        () -> {
          Optional<String> refusal = edits.removeVillage(id, AdminParts.account(ctx));
          if (refusal.isEmpty()) {
            return new Reply.Redirect(VILLAGES + "?selesai=removed");
          }
          Map<String, String> empty = Map.of("timeZone", Village.DEFAULT_ZONE.getId());
          return listPage(409, empty, Map.of(), "", parts.pages.text(ctx, refusal.get()));
        });
  }

  private Reply refused(RoutingContext ctx, String id) {
    boolean inFile = VillageEdits.fromFile(parts.live.base(), id);
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
    for (String field : PACKAGE_FIELDS) {
      v.put(field, form.text(field));
    }
    return v;
  }

  static Map<String, String> values(RegisteredVillage village) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("id", village.id());
    v.put("name", village.name());
    v.put("kecamatan", village.kecamatan());
    v.put("timeZone", village.timeZone());
    v.put("policy", village.policy() == null ? "" : village.policy());
    v.put("macAuth", village.macAuth() ? "ya" : "");
    return v;
  }

  /** The village's values with its package, budget and daily cap as the console writes them. */
  private Map<String, String> withSettings(
      Map<String, String> values, RegisteredVillage village, RoutingContext ctx) {
    Map<String, String> v = new LinkedHashMap<>(values);
    Map<String, String> settings =
        VillagePages.formValues(parts.live.settingsOf(village.toVillage()), parts.formats(ctx));
    for (String field : PACKAGE_FIELDS) {
      v.put(field, settings.getOrDefault(field, ""));
    }
    return v;
  }

  private Reply editPage(int status, Map<String, String> values, Map<String, String> errors) {
    Map<String, Object> model = new HashMap<>();
    model.put("v", values);
    model.put("errors", errors);
    model.put("policies", policyIds());
    return new Reply.Page(status, "village-edit", model);
  }

  private Reply listPage(
      int status,
      Map<String, String> values,
      Map<String, String> errors,
      String done,
      String refusal) {
    KampungConfig config = parts.live.current();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Village v : config.villages()) {
      Map<String, Object> row = new HashMap<>();
      row.put("id", v.id());
      row.put("name", v.name());
      row.put("kecamatan", v.kecamatan() == null ? "" : v.kecamatan());
      row.put("timeZone", v.timeZone().getId());
      row.put(
          "hotspots", config.hotspots().stream().filter(h -> v.id().equals(h.village())).count());
      row.put("console", !VillageEdits.fromFile(parts.live.base(), v.id()));
      rows.add(row);
    }
    Map<String, Object> model = new HashMap<>();
    model.put("villages", rows);
    model.put("v", values);
    model.put("errors", errors);
    model.put("done", done);
    model.put("refusal", refusal);
    model.put("policies", policyIds());
    return new Reply.Page(status, "villages", model);
  }

  private List<String> policyIds() {
    return parts.live.base().policies().stream().map(QuotaPolicy::id).toList();
  }
}
