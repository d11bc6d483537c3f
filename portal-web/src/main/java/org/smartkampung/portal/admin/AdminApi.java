package org.smartkampung.portal.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.session.KickResult;
import org.smartkampung.core.session.LimitsRequest;
import org.smartkampung.core.session.LimitsResult;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.village.VillageSettings;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherBatch;
import org.smartkampung.core.voucher.VoucherCodes;
import org.smartkampung.portal.admin.service.AdminError;
import org.smartkampung.portal.admin.service.Outcome;
import org.smartkampung.portal.admin.service.SessionService;
import org.smartkampung.portal.admin.service.SubscriberService;
import org.smartkampung.portal.admin.service.VoucherService;

/**
 * The JSON admin API under {@code /api/admin/v1} (see {@code docs/admin-api.yaml}): the same
 * actions and the same {@link AdminGuard} as the console. Authentication is the console's session
 * cookie; every call that changes something carries the {@code X-CSRF-Token} header from {@code GET
 * /me}.
 */
final class AdminApi {

  private final AdminParts parts;
  private final KabupatenPages kabupaten;

  AdminApi(AdminParts parts, KabupatenPages kabupaten) {
    this.parts = parts;
    this.kabupaten = kabupaten;
  }

  void subscribers(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    parts.run(
        ctx,
        () -> {
          return jsonList(
              200,
              "subscribers",
              parts.stores.subscribers().listByVillage(village.id()),
              AdminApi::subscriberJson);
        });
  }

  /** {@code {username, displayName?, password}}; 400 with a message per field; 201. */
  void createSubscriber(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    FormFields form = bodyForm(ctx);
    if (form == null) {
      return;
    }
    SubscriberService.Create command = SubscriberPages.createCommand(form, village, me);
    parts.run(
        ctx,
        () ->
            parts
                .services
                .subscribers()
                .create(command)
                .fold(
                    s -> Reply.json(201, subscriberJson(s).encode()),
                    e -> Refusals.json(parts, ctx, e, "no such subscriber")));
  }

  /**
   * {@code {password?, enabled?, override?}}: every part present is validated first, then all are
   * saved in one write; {@code override: null} returns the subscriber to the village quota.
   */
  void updateSubscriber(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    String username = ctx.pathParam("username");
    JsonObject body = requireBody(ctx);
    if (body == null) {
      return;
    }
    JsonObject override = body.getValue("override") instanceof JsonObject o ? o : new JsonObject();
    FormFields form =
        new FormFields(
            f ->
                switch (f) {
                  case "password" -> text(body, "password");
                  case "enabled" ->
                      body.getValue("enabled") instanceof Boolean b
                          ? (b ? "ya" : "tidak")
                          : text(body, "enabled");
                  default -> text(override, f);
                },
            key -> parts.pages.text(ctx, key));
    // Each part present is read as its console form would be; all are saved in one change.
    SubscriberService.Change password =
        body.containsKey("password")
            ? SubscriberPages.command(village, username, me, "password", form)
            : null;
    SubscriberService.Change enabled =
        body.containsKey("enabled")
            ? SubscriberPages.command(village, username, me, "enabled", form)
            : null;
    SubscriberService.Change quota =
        body.containsKey("override")
            ? SubscriberPages.command(village, username, me, "override", form)
            : null;
    SubscriberService.Change command =
        new SubscriberService.Change(
            village.id(),
            username,
            me.username(),
            password == null ? null : password.newPassword(),
            enabled == null ? null : enabled.enabled(),
            quota != null,
            quota == null ? null : quota.override());
    parts.run(
        ctx,
        () -> {
          Outcome<Subscriber> found = parts.services.subscribers().find(village.id(), username);
          if (found instanceof Outcome.Refused<Subscriber> r) {
            return Refusals.json(parts, ctx, r.error(), "no such subscriber");
          }
          if (!form.ok()) {
            return errors(form);
          }
          return parts
              .services
              .subscribers()
              .change(command)
              .fold(
                  c ->
                      Reply.json(
                          200,
                          subscriberJson(c.subscriber())
                              .put("limitsRequest", c.limits().map(LimitsRequest::id).orElse(null))
                              .encode()),
                  e -> {
                    Refusals.into(form, e);
                    return e instanceof AdminError.Invalid
                        ? errors(form)
                        : Refusals.json(parts, ctx, e, "no such subscriber");
                  });
        });
  }

  /** {@code DELETE .../subscribers/:username}: 204; 404 unknown, 403 another village's. */
  void deleteSubscriber(RoutingContext ctx) {
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
                    gone -> Reply.json(204, ""),
                    e -> Refusals.json(parts, ctx, e, "no such subscriber")));
  }

  static Reply errors(FormFields form) {
    return Reply.json(
        400, new JsonObject().put("errors", new JsonObject(Map.copyOf(form.errors()))).encode());
  }

  private static JsonObject subscriberJson(Subscriber s) {
    JsonObject override = null;
    if (s.quotaOverride() != null) {
      override = new JsonObject();
      for (var e : SubscriberRules.overrideValues(s.quotaOverride()).entrySet()) {
        override.put(e.getKey(), e.getValue().isEmpty() ? null : Long.parseLong(e.getValue()));
      }
    }
    return new JsonObject()
        .put("username", s.username())
        .put("displayName", s.displayName())
        .put("enabled", s.enabled())
        .put("override", override);
  }

  void me(RoutingContext ctx) {
    AdminAccount me = AdminParts.account(ctx);
    AdminSessions.Session session = ctx.get(AdminParts.SESSION);
    JsonObject json =
        new JsonObject()
            .put("username", me.username())
            .put("role", me.role().name())
            .put("village", me.villageId())
            .put("csrfToken", parts.sessions.csrfToken(session));
    parts.send(ctx, Reply.json(200, json.encode()));
  }

  void settings(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    parts.run(
        ctx,
        () -> {
          VillageSettings s =
              parts.live.settingsOf(parts.live.base().village(village.id()).orElse(village));
          return Reply.json(200, settingsJson(s).encode());
        });
  }

  /** Same fields and rules as the quota form; 400 with a message per field, nothing saved. */
  void saveSettings(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    FormFields form = bodyForm(ctx);
    if (form == null) {
      return;
    }
    VillageSettings next = VillagePages.read(form, village.id(), me.username());
    if (!form.ok()) {
      parts.send(
          ctx,
          Reply.json(
              400,
              new JsonObject().put("errors", new JsonObject(Map.copyOf(form.errors()))).encode()));
      return;
    }
    parts.run(
        ctx,
        () -> {
          Optional<LimitsRequest> limits = VillagePages.saveSettings(parts, me, village, next);
          return Reply.json(
              200,
              settingsJson(next)
                  .put("limitsRequest", limits.map(LimitsRequest::id).orElse(null))
                  .encode());
        });
  }

  void vouchers(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    parts.run(
        ctx,
        () -> {
          return jsonList(
              200,
              "vouchers",
              parts.stores.vouchers().listByVillage(village.id()),
              this::voucherJson);
        });
  }

  void createVouchers(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    FormFields form = bodyForm(ctx);
    if (form == null) {
      return;
    }
    VoucherBatch batch = VoucherPages.batch(form, village);
    if (!form.ok()) {
      parts.send(ctx, errors(form));
      return;
    }
    parts.run(
        ctx,
        () ->
            parts
                .services
                .vouchers()
                .create(new VoucherService.CreateBatch(batch, "", me.username()))
                .fold(
                    made -> jsonList(201, "vouchers", made, this::voucherJson),
                    e -> Refusals.json(parts, ctx, e, "")));
  }

  /**
   * {@code POST .../vouchers/revoke} with {@code {code}} (separators ignored): the same as the
   * console's revoke button; 200 with the voucher now REVOKED, 404 for a code unknown or of another
   * village.
   */
  void revokeVoucher(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    JsonObject body = requireBody(ctx);
    if (body == null) {
      return;
    }
    String code = VoucherCodes.normalize(text(body, "code"));
    parts.run(
        ctx,
        () -> {
          return parts
              .services
              .vouchers()
              .revoke(new VoucherService.Revoke(village.id(), code, me.username()))
              .fold(
                  before ->
                      Reply.json(
                          200,
                          voucherJson(parts.stores.vouchers().find(code).orElseThrow()).encode()),
                  e -> Refusals.json(parts, ctx, e, parts.pages.text(ctx, "voucher.unknown")));
        });
  }

  void sessions(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    parts.run(
        ctx,
        () -> {
          JsonArray list = new JsonArray();
          for (Session s : parts.stores.sessions().listByVillage(village.id())) {
            list.add(
                new JsonObject()
                    .put("id", s.id())
                    .put("user", s.userId())
                    .put("mac", s.deviceMac())
                    .put("hotspot", s.nasName())
                    .put("startedAt", s.startedAt().toString())
                    .put("inBytes", s.inBytes())
                    .put("outBytes", s.outBytes())
                    .put("rateBitsPerSecond", s.rateBitsPerSecond()));
          }
          return Reply.json(200, new JsonObject().put("sessions", list).encode());
        });
  }

  void kick(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    JsonObject body = bodyJson(ctx);
    String sessionId = body == null ? "" : text(body, "session");
    parts.run(
        ctx,
        () -> {
          return parts
              .services
              .sessions()
              .kick(new SessionService.Kick(village.id(), sessionId, me.username()))
              .fold(
                  request ->
                      Reply.json(202, new JsonObject().put("requestId", request.id()).encode()),
                  e -> Refusals.json(parts, ctx, e, "no such session"));
        });
  }

  /**
   * {@code GET /villages/:village/kicks/:id}: what came of a kick. PENDING while the RADIUS role
   * has not recorded a result (or for an id never issued: the two look alike); 403 for a result
   * about another village's hotspot.
   */
  void kickResult(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    String id = ctx.pathParam("id");
    parts.run(
        ctx,
        () -> {
          Optional<KickResult> result = parts.stores.sessionCommands().result(id);
          if (result.isEmpty()) {
            return Reply.json(
                200, new JsonObject().put("requestId", id).put("status", "PENDING").encode());
          }
          KickResult r = result.get();
          if (!SessionPages.belongsTo(r, village.id(), parts.live.current())) {
            return Reply.json(403, "{\"error\":\"forbidden\"}");
          }
          return Reply.json(
              200,
              new JsonObject()
                  .put("requestId", r.requestId())
                  .put("sessionId", r.sessionId())
                  .put("status", r.outcome().name())
                  .put("detail", r.detail() == null ? "" : r.detail())
                  .put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString())
                  .encode());
        });
  }

  /**
   * {@code GET /villages/:village/limits/:id}: what came of giving running sessions new limits
   * after a quota edit. PENDING until the RADIUS role records a result (an id never issued also
   * reads PENDING); 403 for another village's result.
   */
  void limitsResult(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    String id = ctx.pathParam("id");
    parts.run(
        ctx,
        () -> {
          Optional<LimitsResult> result = parts.stores.sessionCommands().limitsResult(id);
          if (result.isEmpty()) {
            return Reply.json(
                200, new JsonObject().put("requestId", id).put("status", "PENDING").encode());
          }
          LimitsResult r = result.get();
          if (!village.id().equals(r.villageId())) {
            return Reply.json(403, "{\"error\":\"forbidden\"}");
          }
          return Reply.json(
              200,
              new JsonObject()
                  .put("requestId", r.requestId())
                  .put("status", "DONE")
                  .put("sessions", r.sessions())
                  .put("coaSent", r.coaSent())
                  .put("coaAcknowledged", r.coaAcknowledged())
                  .put("disconnectsSent", r.disconnectsSent())
                  .put("disconnected", r.disconnected())
                  .put("atNextInterim", r.atNextInterim())
                  .put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString())
                  .encode());
        });
  }

  void overview(RoutingContext ctx) {
    String sort = ctx.request().getParam("urut", "name");
    parts.run(
        ctx,
        () -> {
          return jsonList(200, "villages", kabupaten.lines(sort), JsonObject::mapFrom);
        });
  }

  /** A reply whose body is one named JSON array, each item made by {@code toJson}. */
  static <T> Reply jsonList(
      int status, String name, List<T> items, Function<? super T, JsonObject> toJson) {
    JsonArray list = new JsonArray();
    items.forEach(item -> list.add(toJson.apply(item)));
    return Reply.json(status, new JsonObject().put(name, list).encode());
  }

  /** The request's JSON object body, or null after answering 400 for anything else. */
  JsonObject requireBody(RoutingContext ctx) {
    JsonObject body = bodyJson(ctx);
    if (body == null) {
      parts.send(ctx, Reply.json(400, "{\"error\":\"body must be a JSON object\"}"));
    }
    return body;
  }

  /** The JSON body's fields as form fields for the pages' own checks, or null after a 400. */
  FormFields bodyForm(RoutingContext ctx) {
    JsonObject body = requireBody(ctx);
    return body == null
        ? null
        : new FormFields(f -> text(body, f), key -> parts.pages.text(ctx, key));
  }

  private static JsonObject bodyJson(RoutingContext ctx) {
    try {
      return ctx.body() == null ? null : ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
  }

  static String text(JsonObject body, String field) {
    Object v = body.getValue(field);
    return v == null ? null : v.toString();
  }

  private static JsonObject settingsJson(VillageSettings s) {
    JsonObject json = new JsonObject();
    VillagePages.formValues(s).forEach((k, v) -> json.put(k, v.isEmpty() ? null : v));
    return json;
  }

  private JsonObject voucherJson(Voucher v) {
    return new JsonObject()
        .put("code", v.code())
        .put("batch", v.batchId())
        .put("status", v.statusAt(parts.clock.instant()).name())
        .put("expiresAt", v.expiresAt().toString())
        .put("bytesLimit", v.bytesLimit() == Long.MAX_VALUE ? null : v.bytesLimit())
        .put("minutesLimit", v.minutesLimit())
        .put("maxDevices", v.maxDevices());
  }
}
