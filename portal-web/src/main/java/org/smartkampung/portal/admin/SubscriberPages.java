package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.village.VillageSettings;
import org.smartkampung.portal.admin.service.AdminError;
import org.smartkampung.portal.admin.service.Outcome;
import org.smartkampung.portal.admin.service.SubscriberService;

/**
 * A village's subscribers: list, create, reset password, disable or enable, and the per-subscriber
 * quota override (which the ledger and RADIUS apply in place of the village's user limits). A
 * subscriber of another village is 403, whatever the path's village. Every change is one store
 * write, audited without passwords or hashes.
 */
final class SubscriberPages {

  private final AdminParts parts;

  SubscriberPages(AdminParts parts) {
    this.parts = parts;
  }

  /** {@code GET /admin/desa/:village/pelanggan}. */
  void list(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    parts.run(ctx, () -> Reply.page("subscribers", listModel(village, Map.of(), Map.of())));
  }

  /** {@code POST /admin/desa/:village/pelanggan}: a new subscriber, then its page. */
  void create(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    FormFields form = form(ctx);
    SubscriberService.Create command = createCommand(form, village, me);
    parts.run(
        ctx,
        () ->
            parts
                .services
                .subscribers()
                .create(command)
                .fold(
                    made -> new Reply.Redirect(path(village, made.username())),
                    e -> {
                      Refusals.into(form, e);
                      Map<String, String> submitted =
                          Map.of(
                              "username", form.text("username"),
                              "displayName", form.text("displayName"));
                      return new Reply.Page(
                          400, "subscribers", listModel(village, submitted, form.errors()));
                    }));
  }

  /** The create command from a form or API body ({@code username, displayName?, password}). */
  static SubscriberService.Create createCommand(FormFields form, Village village, AdminAccount me) {
    return new SubscriberService.Create(
        village.id(),
        form.text("username").toLowerCase(Locale.ROOT),
        form.text("displayName"),
        form.raw("password"),
        me.username());
  }

  /** {@code GET /admin/desa/:village/pelanggan/:username}. */
  void detail(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    String username = ctx.pathParam("username");
    String saved = ctx.request().getParam("tersimpan", "");
    String limitsId = ctx.request().getParam("coa", "");
    parts.run(
        ctx,
        () -> {
          Optional<Subscriber> s = parts.stores.subscribers().find(username);
          Reply refused = refusal(ctx, s, village);
          if (refused != null) {
            return refused;
          }
          Map<String, Object> model =
              detailModel(
                  village,
                  s.get(),
                  SubscriberRules.overrideValues(s.get().quotaOverride()),
                  Map.of());
          model.put("saved", saved);
          if (!limitsId.isEmpty()) {
            model.put("limits", LimitsNotice.text(parts, ctx, limitsId, village.id()));
            model.put("limitsUrl", path(village, username) + "?coa=" + limitsId);
          }
          return Reply.page("subscriber", model);
        });
  }

  /** {@code POST /admin/desa/:village/pelanggan/:username/sandi}. */
  void resetPassword(RoutingContext ctx) {
    change(ctx, "password");
  }

  /** {@code POST /admin/desa/:village/pelanggan/:username/status} with {@code enabled=ya|tidak}. */
  void setEnabled(RoutingContext ctx) {
    change(ctx, "enabled");
  }

  /**
   * {@code POST /admin/desa/:village/pelanggan/:username/kuota}: empty fields follow the village.
   */
  void saveOverride(RoutingContext ctx) {
    change(ctx, "override");
  }

  /**
   * {@code POST /admin/desa/:village/pelanggan/:username/hapus}: deletes the subscriber, then the
   * list.
   */
  void delete(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    String username = ctx.pathParam("username");
    parts.run(
        ctx,
        () ->
            parts
                .services
                .subscribers()
                .delete(new SubscriberService.Delete(village.id(), username, me.username()))
                .fold(
                    gone ->
                        new Reply.Redirect(AdminRoutes.villagePath(village.id()) + "/pelanggan"),
                    e -> Refusals.page(parts, ctx, e, "subscriber.unknown")));
  }

  private void change(RoutingContext ctx, String what) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    String username = ctx.pathParam("username");
    FormFields form = form(ctx);
    SubscriberService.Change command = command(village, username, me, what, form);
    parts.run(
        ctx,
        () -> {
          Outcome<SubscriberService.Changed> changed =
              form.ok()
                  ? parts.services.subscribers().change(command)
                  : parts
                      .services
                      .subscribers()
                      .find(village.id(), username)
                      .fold(
                          s -> Outcome.refused(new AdminError.Invalid(Map.of())), Outcome::refused);
          if (changed instanceof Outcome.Refused<SubscriberService.Changed> r
              && r.error() instanceof AdminError.Invalid) {
            Refusals.into(form, r.error());
            Subscriber s = parts.stores.subscribers().find(username).orElseThrow();
            Map<String, String> values =
                what.equals("override")
                    ? submitted(form)
                    : SubscriberRules.overrideValues(s.quotaOverride());
            return new Reply.Page(
                400, "subscriber", detailModel(village, s, values, form.errors()));
          }
          return changed.fold(
              c ->
                  new Reply.Redirect(
                      path(village, username)
                          + "?tersimpan="
                          + what
                          + c.limits().map(r -> "&coa=" + r.id()).orElse("")),
              e -> Refusals.page(parts, ctx, e, "subscriber.unknown"));
        });
  }

  /**
   * The change one form (or one part of an API body) asks for; a malformed value leaves its error
   * in {@code form}.
   *
   * @param what {@code password}, {@code enabled} or {@code override}
   */
  static SubscriberService.Change command(
      Village village, String username, AdminAccount me, String what, FormFields form) {
    switch (what) {
      case "password" -> {
        return SubscriberService.Change.password(
            village.id(), username, me.username(), form.raw("password"));
      }
      case "enabled" -> {
        String value = form.text("enabled");
        if (!value.equals("ya") && !value.equals("tidak")) {
          form.error("enabled", "subscriber.enabledValue");
        }
        return SubscriberService.Change.enabled(
            village.id(), username, me.username(), value.equals("ya"));
      }
      default -> {
        QuotaOverride o = SubscriberRules.override(form);
        return SubscriberService.Change.override(village.id(), username, me.username(), o);
      }
    }
  }

  /** Null when the subscriber exists in this village; else the 404 or 403 to answer. */
  Reply refusal(RoutingContext ctx, Optional<Subscriber> s, Village village) {
    if (s.isEmpty()) {
      return new Reply.Page(
          404, "message", Map.of("message", parts.pages.text(ctx, "subscriber.unknown")));
    }
    if (!s.get().villageId().equals(village.id())) {
      return new Reply.Page(
          403, "message", Map.of("message", parts.pages.text(ctx, "error.forbidden")));
    }
    return null;
  }

  private FormFields form(RoutingContext ctx) {
    return parts.form(ctx);
  }

  private static Map<String, String> submitted(FormFields form) {
    Map<String, String> v = new HashMap<>();
    for (String f : SubscriberRules.OVERRIDE_FIELDS) {
      v.put(f, form.text(f));
    }
    return v;
  }

  static String path(Village village, String username) {
    return AdminRoutes.villagePath(village.id()) + "/pelanggan/" + username;
  }

  private Map<String, Object> listModel(
      Village village, Map<String, String> values, Map<String, String> errors) {
    List<Map<String, String>> rows =
        parts.stores.subscribers().listByVillage(village.id()).stream()
            .map(
                s ->
                    Map.of(
                        "username",
                        s.username(),
                        "name",
                        s.displayName() == null ? "" : s.displayName(),
                        "enabled",
                        Boolean.toString(s.enabled()),
                        "override",
                        s.quotaOverride() == null ? "false" : "true"))
            .toList();
    Map<String, Object> model = new HashMap<>();
    model.put("village", VillagePages.view(village));
    model.put("subscribers", rows);
    model.put("v", values);
    model.put("errors", errors);
    return model;
  }

  private Map<String, Object> detailModel(
      Village village, Subscriber s, Map<String, String> values, Map<String, String> errors) {
    VillageSettings policy =
        parts.live.settingsOf(parts.live.base().village(village.id()).orElse(village));
    Map<String, String> hints = new HashMap<>();
    hints.put("userDailyMb", str(policy.userDailyMb()));
    hints.put("userDailyMinutes", str(policy.userDailyMinutes()));
    hints.put("userRateDownKbps", str(policy.userRateDownKbps()));
    hints.put("userRateUpKbps", str(policy.userRateUpKbps()));
    hints.put("maxDevices", str(policy.maxDevicesPerUser()));
    Map<String, Object> model = new HashMap<>();
    model.put("village", VillagePages.view(village));
    model.put(
        "s",
        Map.of(
            "username", s.username(),
            "name", s.displayName() == null ? "" : s.displayName(),
            "enabled", s.enabled()));
    model.put("v", values);
    model.put("policy", hints);
    model.put("errors", errors);
    model.put("fields", List.of(SubscriberRules.OVERRIDE_FIELDS));
    return model;
  }

  private static String str(Object o) {
    return o == null ? "-" : o.toString();
  }
}
