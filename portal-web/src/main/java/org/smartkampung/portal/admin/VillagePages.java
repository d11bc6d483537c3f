package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.limits.EffectiveLimits;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.session.LimitsRequest;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.village.VillageSettings;
import org.smartkampung.portal.page.Formats;

/** A village's start page (usage against its package) and its quota form. */
final class VillagePages {

  private final AdminParts parts;

  VillagePages(AdminParts parts) {
    this.parts = parts;
  }

  /** {@code GET /admin/desa/:village}. */
  void dashboard(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    parts.run(
        ctx,
        () -> {
          Formats f = parts.formats(ctx);
          Map<String, Object> model = new HashMap<>();
          model.put("village", view(village));
          QuotaResult result = parts.stores.ledger().check(village.id(), "~admin", "");
          if (result instanceof QuotaResult.Ok ok) {
            Usage usage = ok.usage();
            Limits limits = EffectiveLimits.standing(parts.live.current(), village.id());
            model.put("todayBytes", f.bytes(usage.villageDayBytes()));
            model.put("monthBytes", f.bytes(usage.villageMonthBytes()));
            model.put("monthLimit", Units.limitBytes(limits.villageMonthlyBytes(), f));
            model.put(
                "monthPercent",
                Units.percent(usage.villageMonthBytes(), limits.villageMonthlyBytes()));
          }
          model.put("sessionsNow", parts.stores.sessions().listByVillage(village.id()).size());
          BandwidthPackage pkg = village.bandwidthPackage();
          model.put("package", pkg == null ? "" : Units.packageText(pkg, f));
          return Reply.page("village", model);
        });
  }

  /**
   * {@code GET /admin/desa/:village/kuota[?coa=<request id>]}: with {@code coa}, also what came of
   * giving running sessions the limits last saved.
   */
  void quotaForm(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    String limitsId = ctx.request().getParam("coa", "");
    parts.run(
        ctx,
        () -> {
          VillageSettings settings =
              parts.live.settingsOf(parts.live.base().village(village.id()).orElse(village));
          Map<String, Object> model =
              quotaModel(village, formValues(settings, parts.formats(ctx)), Map.of(), false);
          if (!limitsId.isEmpty()) {
            limitsNotice(
                model, village, LimitsNotice.text(parts, ctx, limitsId, village.id()), limitsId);
          }
          return Reply.page("quota", model);
        });
  }

  /** {@code POST /admin/desa/:village/kuota}: validates every field, saves all or nothing. */
  void saveQuota(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    FormFields form = parts.form(ctx);
    VillageSettings next = read(form, village.id(), me.username());
    if (!form.ok()) {
      Map<String, String> submitted = new LinkedHashMap<>();
      for (String field : FIELDS) {
        submitted.put(field, form.text(field));
      }
      parts.send(
          ctx, new Reply.Page(400, "quota", quotaModel(village, submitted, form.errors(), false)));
      return;
    }
    parts.run(
        ctx,
        () -> {
          Optional<LimitsRequest> limits = saveSettings(parts, me, village, next);
          Map<String, Object> model =
              quotaModel(village, formValues(next, parts.formats(ctx)), Map.of(), true);
          limitsNotice(
              model,
              village,
              limits
                  .map(r -> LimitsNotice.text(parts, ctx, r.id(), village.id()))
                  .orElseGet(() -> LimitsNotice.unsent(parts, ctx)),
              limits.map(LimitsRequest::id).orElse(""));
          return Reply.page("quota", model);
        });
  }

  static final String[] FIELDS = {
    "downlinkMbps",
    "uplinkMbps",
    "monthlyGb",
    "budgetYear",
    "budgetRupiah",
    "villageDailyGb",
    "userDailyMb",
    "userDailyMinutes",
    "userRateDownKbps",
    "userRateUpKbps",
    "maxDevicesPerUser",
    "openingHours"
  };

  /**
   * The bandwidth package in fields {@code downlinkMbps, uplinkMbps, monthlyGb, budgetYear,
   * budgetRupiah}: null when all are empty (or with errors recorded in {@code form}).
   */
  static BandwidthPackage readPackage(FormFields form) {
    Long down = form.optionalLong("downlinkMbps", 1, 100_000);
    Long up = form.optionalLong("uplinkMbps", 1, 100_000);
    Long monthlyGb = form.optionalAmount("monthlyGb", "GB", 0, 10_000_000);
    Long year = form.optionalLong("budgetYear", 2000, 2100);
    Long rupiah = form.optionalLong("budgetRupiah", 0, 1_000_000_000_000L);
    boolean anyPackage =
        down != null || up != null || monthlyGb != null || year != null || rupiah != null;
    if (!anyPackage || !form.ok()) {
      return null;
    }
    if (down == null) form.error("downlinkMbps", "form.packageIncomplete");
    if (up == null) form.error("uplinkMbps", "form.packageIncomplete");
    if (year == null) form.error("budgetYear", "form.packageIncomplete");
    if (!form.ok()) {
      return null;
    }
    return new BandwidthPackage(
        down.intValue(),
        up.intValue(),
        monthlyGb == null ? 0 : monthlyGb,
        year.intValue(),
        rupiah == null ? 0 : rupiah);
  }

  /** The settings in the form, or null with errors recorded in {@code form}. */
  static VillageSettings read(FormFields form, String villageId, String admin) {
    BandwidthPackage pkg = readPackage(form);
    Long dailyMb = form.optionalAmount("userDailyMb", "MB", 1, 10_000_000);
    Long villageDailyGb = readDailyCap(form);
    Long minutes = form.optionalLong("userDailyMinutes", 1, 1440);
    Long downKbps = form.optionalLong("userRateDownKbps", 64, 10_000_000);
    Long upKbps = form.optionalLong("userRateUpKbps", 64, 10_000_000);
    Long devices = form.optionalLong("maxDevicesPerUser", 1, 20);
    String hours = form.text("openingHours");
    if (hours.isEmpty()) {
      hours = OpeningHours.ALWAYS.toString();
    }
    Optional<OpeningHours> parsedHours = form.formats().parseHours(hours);
    if (parsedHours.isPresent()) {
      hours = parsedHours.get().toString();
    } else {
      form.error("openingHours", "form.hours");
    }
    if (!form.ok()) {
      return null;
    }
    return new VillageSettings(
        villageId,
        pkg,
        dailyMb,
        minutes,
        downKbps,
        upKbps,
        devices == null ? null : devices.intValue(),
        hours,
        admin,
        null,
        villageDailyGb);
  }

  /**
   * The village daily cap in field {@code villageDailyGb}: gigabytes, 0 when empty (no cap); null
   * when the form or body leaves the field out (the cap stays as it is).
   */
  static Long readDailyCap(FormFields form) {
    if (!form.has("villageDailyGb")) {
      return null;
    }
    Long gb = form.optionalAmount("villageDailyGb", "GB", 1, 1_000_000);
    return gb == null ? 0L : gb;
  }

  private Map<String, Object> quotaModel(
      Village village, Map<String, String> values, Map<String, String> errors, boolean saved) {
    Map<String, Object> model = new HashMap<>();
    model.put("village", view(village));
    model.put("v", values);
    model.put("errors", errors);
    model.put("saved", saved);
    return model;
  }

  /** The settings as the console form shows them: "36.000.000", "05.00-22.00". */
  static Map<String, String> formValues(VillageSettings s, Formats f) {
    Map<String, String> v = formValues(s);
    BandwidthPackage p = s.bandwidthPackage();
    if (p != null) {
      v.put("monthlyGb", f.whole(p.monthlyGb()));
      v.put("budgetRupiah", f.whole(p.budgetRupiah()));
    }
    v.computeIfPresent("userDailyMb", (k, x) -> x.isEmpty() ? x : f.whole(s.userDailyMb()));
    v.computeIfPresent(
        "villageDailyGb", (k, x) -> x.isEmpty() ? x : f.whole(s.villageDailyGb()) + " GB");
    v.computeIfPresent(
        "userRateDownKbps", (k, x) -> x.isEmpty() ? x : f.whole(s.userRateDownKbps()));
    v.computeIfPresent("userRateUpKbps", (k, x) -> x.isEmpty() ? x : f.whole(s.userRateUpKbps()));
    if (s.openingHours() != null && !s.openingHours().isEmpty()) {
      v.put("openingHours", f.hours(OpeningHours.parse(s.openingHours())));
    }
    return v;
  }

  /** The settings as stored and as the JSON API gives them: plain digits, "05:00-22:00". */
  static Map<String, String> formValues(VillageSettings s) {
    Map<String, String> v = new LinkedHashMap<>();
    BandwidthPackage p = s.bandwidthPackage();
    v.put("downlinkMbps", p == null ? "" : Integer.toString(p.downlinkMbps()));
    v.put("uplinkMbps", p == null ? "" : Integer.toString(p.uplinkMbps()));
    v.put("monthlyGb", p == null ? "" : Long.toString(p.monthlyGb()));
    v.put("budgetYear", p == null ? "" : Integer.toString(p.budgetYear()));
    v.put("budgetRupiah", p == null ? "" : Long.toString(p.budgetRupiah()));
    Long cap = s.villageDailyGb();
    v.put("villageDailyGb", cap == null || cap == 0 ? "" : Long.toString(cap));
    v.put("userDailyMb", str(s.userDailyMb()));
    v.put("userDailyMinutes", str(s.userDailyMinutes()));
    v.put("userRateDownKbps", str(s.userRateDownKbps()));
    v.put("userRateUpKbps", str(s.userRateUpKbps()));
    v.put("maxDevicesPerUser", str(s.maxDevicesPerUser()));
    v.put("openingHours", s.openingHours() == null ? "" : s.openingHours());
    return v;
  }

  static String describe(VillageSettings s) {
    Map<String, String> v = formValues(s);
    StringBuilder sb = new StringBuilder();
    v.forEach(
        (k, val) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(val));
    return sb.toString();
  }

  static Map<String, String> view(Village village) {
    return Map.of(
        "id", village.id(),
        "name", village.name(),
        "kecamatan", village.kecamatan() == null ? "" : village.kecamatan());
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }

  /**
   * Puts the line about running sessions, and the link that shows its latest state, in the page.
   */
  private static void limitsNotice(
      Map<String, Object> model, Village village, String text, String requestId) {
    model.put("limits", text);
    model.put(
        "limitsUrl",
        requestId.isEmpty()
            ? ""
            : AdminRoutes.villagePath(village.id()) + "/kuota?coa=" + requestId);
  }

  /**
   * Saves a village's quota settings, audits the change and asks the RADIUS role to give the
   * village's running sessions the new limits; the console and the API share it.
   *
   * @return the request for the running sessions; empty when it could not be queued
   */
  static Optional<LimitsRequest> saveSettings(
      AdminParts parts, AdminAccount me, Village village, VillageSettings next) {
    VillageSettings before =
        parts.live.settingsOf(parts.live.base().village(village.id()).orElse(village));
    VillageSettings saved =
        next.villageDailyGb() == null ? next.withVillageDailyGb(before.villageDailyGb()) : next;
    parts.live.save(saved);
    parts.audit.record(
        me.username(),
        village.id(),
        "quota.update",
        village.id(),
        describe(before),
        describe(saved));
    return LimitsNotice.request(parts, village.id(), "", me.username());
  }
}
