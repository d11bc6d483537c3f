package org.smartkampung.portal;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.nas.Macs;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.village.Village;
import org.smartkampung.portal.captive.Remaining;
import org.smartkampung.portal.i18n.Messages;
import org.smartkampung.portal.nas.GatewayApi;
import org.smartkampung.portal.nas.NasContext;
import org.smartkampung.portal.page.Amounts;
import org.smartkampung.portal.security.SafeUrl;

/** The status page (what is left today) and logout. */
final class StatusPages {

  private static final Logger log = LoggerFactory.getLogger(StatusPages.class);

  /** Cookie holding the signed status link, for browsers that keep cookies. */
  static final String STATUS_COOKIE = "kampung_status";

  /** Who the status page is about. */
  private record Viewer(
      Village village, String userId, String deviceId, String logoutUrl, String originalUrl) {}

  private final PortalParts parts;
  private final LandingPages landing;

  StatusPages(PortalParts parts) {
    this.parts = parts;
    this.landing = new LandingPages(parts);
  }

  /** {@code GET /status}: by signed link, cookie, or the live session at the source address. */
  void status(RoutingContext ctx) {
    String param = ctx.request().getParam("s");
    Cookie cookie = ctx.request().getCookie(STATUS_COOKIE);
    String token = param != null ? param : cookie == null ? null : cookie.getValue();
    Optional<Map<String, String>> signed = parts.signer().unseal(token, PortalParts.STATUS_MAX_AGE);
    if (param != null && signed.isPresent()) {
      ctx.response()
          .addCookie(parts.pages().cookie(ctx, STATUS_COOKIE, param, PortalParts.STATUS_MAX_AGE));
    }
    String sourceIp = PortalParts.sourceIp(ctx);
    parts
        .vertx()
        .executeBlocking(
            () -> {
              Optional<Viewer> viewer = signed.flatMap(this::fromSigned);
              if (viewer.isEmpty()) {
                viewer =
                    parts.stores().sessions().findByFramedIp(sourceIp).flatMap(this::fromSession);
              }
              return viewer.map(v -> Map.entry(v, remaining(v)));
            },
            false)
        .onSuccess(
            found -> {
              if (found.isEmpty()) {
                renderSignedOut(ctx);
              } else {
                render(ctx, found.get().getKey(), found.get().getValue(), token);
              }
            })
        .onFailure(ctx::fail);
  }

  /** {@code POST /keluar}: ends the session at the NAS when we know how, and forgets the cookie. */
  void logout(RoutingContext ctx) {
    String csrf = ctx.request().getFormAttribute("csrf");
    Optional<Map<String, String>> signed =
        parts.signer().unseal(ctx.request().getFormAttribute("s"), PortalParts.STATUS_MAX_AGE);
    Village village =
        signed.flatMap(m -> parts.village(m.get("v"))).or(() -> parts.village("")).orElse(null);
    if (village == null) {
      landing.notFound(ctx);
      return;
    }
    if (!parts.csrfValid(ctx, csrf)) {
      Map<String, Object> extra = new HashMap<>();
      extra.put("error", parts.pages().text(ctx, "error.expired"));
      landing.render(ctx, 403, village, NasContext.none(PortalParts.sourceIp(ctx)), extra);
      return;
    }
    ctx.response().addCookie(parts.pages().cookie(ctx, STATUS_COOKIE, "", Duration.ZERO));
    Optional<GatewayApi> gateway =
        signed.flatMap(m -> parts.completer().gatewayApi(m.getOrDefault("gw", "")));
    if (gateway.isPresent()) {
      String clientIp = signed.get().getOrDefault("gip", "");
      gateway
          .get()
          .logout(clientIp)
          .onComplete(
              answer -> {
                Map<String, Object> extra = new HashMap<>();
                if (answer.succeeded() && answer.result().result() != GatewayApi.Result.ERROR) {
                  extra.put("notice", parts.pages().text(ctx, "notice.loggedOut"));
                } else {
                  log.warn("gateway logout of {} failed", clientIp, answer.cause());
                  extra.put("error", parts.pages().text(ctx, "error.gateway.logout"));
                }
                landing.render(
                    ctx, 200, village, NasContext.none(PortalParts.sourceIp(ctx)), extra);
              });
      return;
    }
    Optional<String> nasLogout = signed.flatMap(m -> SafeUrl.httpTarget(m.get("lo")));
    if (nasLogout.isPresent()) {
      ctx.response().setStatusCode(303).putHeader("Location", nasLogout.get()).end();
      return;
    }
    Map<String, Object> extra = new HashMap<>();
    extra.put("notice", parts.pages().text(ctx, "notice.loggedOut"));
    landing.render(ctx, 200, village, NasContext.none(PortalParts.sourceIp(ctx)), extra);
  }

  private Optional<Viewer> fromSigned(Map<String, String> m) {
    return parts
        .village(m.get("v"))
        .filter(v -> m.get("u") != null)
        .map(
            v ->
                new Viewer(
                    v,
                    m.get("u"),
                    m.getOrDefault("d", ""),
                    m.getOrDefault("lo", ""),
                    m.getOrDefault("orig", "")));
  }

  private Optional<Viewer> fromSession(Session s) {
    return parts
        .config()
        .village(s.villageId())
        .map(v -> new Viewer(v, s.userId(), Macs.deviceId(s.deviceMac(), s.framedIp()), "", ""));
  }

  /** What the viewer has left, or empty when the ledger cannot say (the page says so). */
  private Optional<Remaining> remaining(Viewer viewer) {
    return Remaining.lookup(
        parts.config(),
        viewer.village(),
        viewer.userId(),
        viewer.deviceId(),
        parts.stores().ledger(),
        parts.stores().subscribers(),
        parts.stores().vouchers(),
        parts.clock());
  }

  private void render(
      RoutingContext ctx, Viewer viewer, Optional<Remaining> remaining, String token) {
    String lang = parts.pages().language(ctx);
    Messages messages = parts.pages().messages();
    Map<String, Object> model = new HashMap<>();
    model.put("village", LandingPages.villageView(viewer.village()));
    model.put("signedIn", true);
    if (remaining.isPresent()) {
      Remaining left = remaining.get();
      model.put("userBytesLeft", Amounts.bytes(left.userBytes(), lang, messages));
      model.put("userTimeLeft", Amounts.duration(left.seconds(), lang, messages));
      model.put("villageBytesLeft", Amounts.bytes(left.villageBytes(), lang, messages));
      if (left.voucher() != null) {
        model.put("voucherBytesLeft", Amounts.bytes(left.voucher().bytes(), lang, messages));
        model.put("voucherTimeLeft", Amounts.duration(left.voucher().seconds(), lang, messages));
        model.put(
            "voucherExpires",
            Amounts.dateTime(left.voucher().expiresAt(), viewer.village().timeZone(), lang));
      }
    } else {
      model.put("error", messages.get(lang, "error.store"));
    }
    SafeUrl.httpTarget(viewer.originalUrl()).ifPresent(url -> model.put("originalUrl", url));
    model.put("statusToken", token == null ? "" : token);
    model.put("csrf", parts.csrfToken(ctx));
    model.put("servicesUrl", "/desa/" + viewer.village().id() + "/layanan");
    model.put(
        "langUrl",
        "/status?lang=" + LandingPages.otherLang(lang) + (token == null ? "" : "&s=" + token));
    parts.pages().render(ctx, 200, "status", model).onFailure(ctx::fail);
  }

  private void renderSignedOut(RoutingContext ctx) {
    Map<String, Object> model = new HashMap<>();
    parts.village("").ifPresent(v -> model.put("village", LandingPages.villageView(v)));
    model.put("signedIn", false);
    model.put("homeUrl", "/");
    model.put("langUrl", "/status?lang=" + LandingPages.otherLang(parts.pages().language(ctx)));
    parts.pages().render(ctx, 200, "status", model).onFailure(ctx::fail);
  }
}
