package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.session.LimitsRequest;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.village.VillageSettings;

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
    parts.run(
        ctx,
        () -> {
          Optional<Subscriber> made = create(form, village, me);
          if (made.isEmpty()) {
            Map<String, String> submitted =
                Map.of("username", form.text("username"), "displayName", form.text("displayName"));
            return new Reply.Page(400, "subscribers", listModel(village, submitted, form.errors()));
          }
          return new Reply.Redirect(path(village, made.get().username()));
        });
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

  private void change(RoutingContext ctx, String what) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    String username = ctx.pathParam("username");
    FormFields form = form(ctx);
    parts.run(
        ctx,
        () -> {
          Optional<Subscriber> s = parts.stores.subscribers().find(username);
          Reply refused = refusal(ctx, s, village);
          if (refused != null) {
            return refused;
          }
          Subscriber next = changed(s.get(), what, form);
          if (next == null) {
            Map<String, String> values =
                what.equals("override")
                    ? submitted(form)
                    : SubscriberRules.overrideValues(s.get().quotaOverride());
            return new Reply.Page(
                400, "subscriber", detailModel(village, s.get(), values, form.errors()));
          }
          Optional<LimitsRequest> limits = save(me, village, s.get(), next, what);
          return new Reply.Redirect(
              path(village, username)
                  + "?tersimpan="
                  + what
                  + limits.map(r -> "&coa=" + r.id()).orElse(""));
        });
  }

  /**
   * The subscriber with one change from the form, or null with errors in {@code form}.
   *
   * @param what {@code password}, {@code enabled} or {@code override}
   */
  Subscriber changed(Subscriber s, String what, FormFields form) {
    switch (what) {
      case "password" -> {
        String password = SubscriberRules.password(form);
        return form.ok() ? withHash(s, parts.hasher.hash(password)) : null;
      }
      case "enabled" -> {
        String value = form.text("enabled");
        if (!value.equals("ya") && !value.equals("tidak")) {
          form.error("enabled", "subscriber.enabledValue");
          return null;
        }
        return new Subscriber(
            s.username(),
            s.villageId(),
            s.passwordHash(),
            s.displayName(),
            value.equals("ya"),
            s.quotaOverride());
      }
      default -> {
        QuotaOverride o = SubscriberRules.override(form);
        return form.ok()
            ? new Subscriber(
                s.username(), s.villageId(), s.passwordHash(), s.displayName(), s.enabled(), o)
            : null;
      }
    }
  }

  /**
   * Saves {@code next} over {@code before} and records it in the audit log; when the quota override
   * changed, asks the RADIUS role to give the subscriber's running sessions their new limits.
   *
   * @return that request; empty when the override did not change or it could not be queued
   */
  Optional<LimitsRequest> save(
      AdminAccount me, Village village, Subscriber before, Subscriber next, String what) {
    parts.stores.subscribers().update(next);
    boolean password = what.equals("password");
    parts.audit.record(
        me.username(),
        village.id(),
        "subscriber." + what,
        next.username(),
        password ? "" : SubscriberRules.describe(before),
        password ? "" : SubscriberRules.describe(next));
    if (Objects.equals(before.quotaOverride(), next.quotaOverride())) {
      return Optional.empty();
    }
    return LimitsNotice.request(parts, village.id(), next.username(), me.username());
  }

  /** Creates the subscriber in the form, or returns empty with errors in {@code form}. */
  Optional<Subscriber> create(FormFields form, Village village, AdminAccount me) {
    String username = SubscriberRules.username(form);
    String displayName = SubscriberRules.displayName(form, username);
    String password = SubscriberRules.password(form);
    if (!form.ok()) {
      return Optional.empty();
    }
    if (parts.stores.subscribers().find(username).isPresent()) {
      form.error("username", "subscriber.taken");
      return Optional.empty();
    }
    Subscriber s =
        new Subscriber(
            username, village.id(), parts.hasher.hash(password), displayName, true, null);
    // Usernames are unique regency-wide; the store refuses a name taken meanwhile.
    if (!parts.stores.subscribers().create(s)) {
      form.error("username", "subscriber.taken");
      return Optional.empty();
    }
    parts.audit.record(
        me.username(),
        village.id(),
        "subscriber.create",
        username,
        "",
        SubscriberRules.describe(s));
    return Optional.of(s);
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

  private static Subscriber withHash(Subscriber s, String hash) {
    return new Subscriber(
        s.username(), s.villageId(), hash, s.displayName(), s.enabled(), s.quotaOverride());
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
