package org.smartkampung.portal;

import io.vertx.ext.web.RoutingContext;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.login.LoginMethod;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.village.LandingContent;
import org.smartkampung.core.village.ServiceLink;
import org.smartkampung.core.village.Village;
import org.smartkampung.portal.login.Explanation;
import org.smartkampung.portal.nas.NasContext;
import org.smartkampung.portal.nas.NasKind;
import org.smartkampung.portal.nas.NasRedirect;
import org.smartkampung.portal.page.Amounts;
import org.smartkampung.portal.page.Formats;
import org.smartkampung.portal.security.SafeUrl;

/** The pages a villager can open without logging in: landing, services, explanations. */
final class LandingPages {

  private static final Logger log = LoggerFactory.getLogger(LandingPages.class);
  private static final int SERVICES_ON_LANDING = 4;
  private static final int NEWS_ON_LANDING = 3;
  private static final int PRODUCTS_ON_LANDING = 6;

  /**
   * Model flag: no login forms. For a refused gateway redirect, where a login could only end at a
   * status page while the gateway still holds the phone captive.
   */
  static final String NO_LOGIN = "noLogin";

  private final PortalParts parts;

  LandingPages(PortalParts parts) {
    this.parts = parts;
  }

  /** {@code GET /} and {@code GET /desa/:village}: where the NAS sends the villager. */
  void landing(RoutingContext ctx) {
    String pathVillage = ctx.pathParam("village");
    Optional<Map<String, String>> restored =
        parts
            .signer()
            .verify(ctx.request().getParam("s"), PortalParts.FORM_MAX_AGE)
            .filter(m -> PortalParts.sourceIp(ctx).equals(m.get("ip")));
    if (restored.isPresent()) {
      // A language switch or reload of a page we rendered: keep the NAS context we checked before.
      Map<String, String> state = restored.get();
      Optional<Village> village = parts.village(state.get("v"));
      if (village.isPresent()) {
        render(ctx, 200, village.get(), NasContext.fromState(state), Map.of());
        return;
      }
    }
    NasRedirect nas =
        NasRedirect.parse(
            ctx.request()::getParam,
            absoluteUrls(ctx),
            parts.config(),
            PortalParts.sourceIp(ctx),
            parts.clock());
    boolean gatewayRefused =
        nas.errorKey()
            .filter(
                k -> k.equals(NasRedirect.GATEWAY_STALE) || k.equals(NasRedirect.GATEWAY_FORGED))
            .isPresent();
    if (gatewayRefused) {
      String reason =
          nas.errorKey().get().equals(NasRedirect.GATEWAY_STALE) ? "stale" : "bad_signature";
      parts.registry().counter("kampung.portal.gateway.refused", "reason", reason).increment();
    }
    String villageId = nas.villageId().isEmpty() ? pathVillage : nas.villageId();
    Optional<Village> village = parts.village(villageId);
    if (village.isEmpty()) {
      notFound(ctx);
      return;
    }
    Map<String, Object> extra = new HashMap<>();
    nas.errorKey().ifPresent(key -> extra.put("error", parts.pages().text(ctx, key)));
    extra.put("nasMessage", nas.nasMessage());
    if (gatewayRefused) {
      extra.put(NO_LOGIN, true);
    }
    if (nas.context().kind() == NasKind.CHILLI) {
      switch (nas.chilliRes()) {
        case "success", "already" -> {
          ctx.redirect(statusTarget(ctx.request().getParam("userurl")));
          return;
        }
        case "logoff" -> extra.put("notice", parts.pages().text(ctx, "notice.loggedOut"));
        case "failed" -> extra.put("error", parts.pages().text(ctx, "error.nas.failed"));
        default -> {}
      }
    }
    render(ctx, nas.errorKey().isPresent() ? 400 : 200, village.get(), nas.context(), extra);
  }

  /**
   * Renders the landing page with fresh signed form state. {@code extra} may carry {@code error},
   * {@code notice}, {@code nasMessage}, and {@link #NO_LOGIN} to leave out the login forms.
   */
  void render(
      RoutingContext ctx, int status, Village village, NasContext nas, Map<String, Object> extra) {
    Map<String, String> state = new LinkedHashMap<>(nas.toState());
    state.put("v", village.id());
    state.put("ip", PortalParts.sourceIp(ctx));
    String token = parts.signer().sign(state);
    String lang = parts.pages().language(ctx);

    Map<String, Object> model = new HashMap<>(extra);
    model.put("village", villageView(village));
    model.put("greeting", parts.pages().text(ctx, greetingKey(village)));
    model.put("state", token);
    List<LoginMethod> methods = parts.config().loginMethods();
    model.put("clickThrough", methods.contains(LoginMethod.CLICK_THROUGH));
    model.put("voucher", methods.contains(LoginMethod.VOUCHER));
    model.put("subscriber", methods.contains(LoginMethod.SUBSCRIBER));
    if (Boolean.TRUE.equals(extra.get(NO_LOGIN))) {
      model.put("clickThrough", false);
      model.put("voucher", false);
      model.put("subscriber", false);
    }
    model.put("servicesUrl", "/desa/" + village.id() + "/layanan");
    model.put("langUrl", "/desa/" + village.id() + "?s=" + token + "&lang=" + otherLang(lang));
    allowance(ctx, village, model);
    withContent(
        village,
        content -> {
          List<Map<String, String>> services = services(village, content);
          model.put(
              "services", services.subList(0, Math.min(SERVICES_ON_LANDING, services.size())));
          model.put("moreServices", services.size() > SERVICES_ON_LANDING);
          model.put("news", LandingViews.news(content, village.timeZone(), NEWS_ON_LANDING));
          model.put("products", LandingViews.products(content, PRODUCTS_ON_LANDING));
          model.put("officeContact", content.officeContact());
          parts.pages().render(ctx, status, "landing", model).onFailure(ctx::fail);
        });
  }

  /** What a villager gets, shown before login: opening hours with WIB, the daily allowance. */
  private void allowance(RoutingContext ctx, Village village, Map<String, Object> model) {
    String lang = parts.pages().language(ctx);
    model.put("hours", hoursText(ctx, village));
    parts
        .config()
        .policy(village.policy() == null ? "" : village.policy())
        .ifPresent(
            p -> {
              if (p.userDailyMb() != null) {
                model.put(
                    "allowanceBytes",
                    Amounts.bytes(p.userDailyMb() * 1_000_000L, lang, parts.pages().messages()));
              }
              if (p.userDailyMinutes() != null) {
                model.put(
                    "allowanceTime",
                    Amounts.duration(p.userDailyMinutes() * 60, lang, parts.pages().messages()));
              }
            });
  }

  /** "05.00-22.00 WIB", or "Buka 24 jam". */
  private String hoursText(RoutingContext ctx, Village village) {
    OpeningHours hours = parts.admission().openingHoursOf(village);
    if (hours.opens().equals(hours.closes())) {
      return parts.pages().text(ctx, "landing.hoursAlways");
    }
    return Formats.of(parts.pages().language(ctx)).hours(hours, village.timeZone());
  }

  /**
   * Reads the village's landing content off the event loop (it may be a Redis round trip); a store
   * that cannot answer leaves the page with the config file's links, never without a login form.
   */
  private void withContent(Village village, java.util.function.Consumer<LandingContent> then) {
    parts
        .vertx()
        .executeBlocking(() -> parts.landing().find(village.id()), false)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                log.warn(
                    "landing content of {} unavailable: {}", village.id(), ar.cause().toString());
              }
              then.accept(ar.succeeded() ? ar.result() : LandingContent.empty(village.id()));
            });
  }

  /** {@code GET /desa/:village/layanan}: the village's public services, no login needed. */
  void services(RoutingContext ctx) {
    Optional<Village> village = parts.config().village(ctx.pathParam("village"));
    if (village.isEmpty()) {
      notFound(ctx);
      return;
    }
    Map<String, Object> model = new HashMap<>();
    model.put("village", villageView(village.get()));
    model.put("homeUrl", "/desa/" + village.get().id());
    model.put("langUrl", langUrl(ctx));
    withContent(
        village.get(),
        content -> {
          model.put("services", services(village.get(), content));
          parts.pages().render(ctx, 200, "services", model).onFailure(ctx::fail);
        });
  }

  /** {@code GET /info/:reason}: an explanation page by its slug. */
  void explanation(RoutingContext ctx) {
    Optional<Explanation> reason = Explanation.fromSlug(ctx.pathParam("reason"));
    Optional<Village> village = parts.village(ctx.request().getParam("desa"));
    if (reason.isEmpty() || village.isEmpty()) {
      notFound(ctx);
      return;
    }
    renderExplanation(ctx, reason.get(), village.get());
  }

  /** Renders the page for a reason the villager cannot get online now. */
  void renderExplanation(RoutingContext ctx, Explanation reason, Village village) {
    renderExplanation(ctx, reason, village, "");
  }

  /**
   * Renders the page for a reason the villager cannot get online now, with the NAS's own message
   * (escaped like every value) when it gave one.
   */
  void renderExplanation(
      RoutingContext ctx, Explanation reason, Village village, String nasMessage) {
    Map<String, Object> model = new HashMap<>();
    String stem = "info." + reason.slug();
    model.put("title", parts.pages().text(ctx, stem + ".title"));
    model.put("body", parts.pages().text(ctx, stem + ".body"));
    if (reason == Explanation.OUTSIDE_OPENING_HOURS) {
      model.put("detail", parts.pages().text(ctx, "info.hours", hoursText(ctx, village)));
    }
    // A villager whose own quota is spent may go on with a voucher: the form is right here,
    // with the signed hotspot state of the login that was refused.
    String state = ctx.request().getFormAttribute("s");
    if (reason == Explanation.USER_QUOTA_SPENT
        && state != null
        && parts.config().loginMethods().contains(LoginMethod.VOUCHER)) {
      model.put("voucherState", state);
      model.put("voucherVillage", village.id());
    }
    if (nasMessage != null && !nasMessage.isEmpty()) {
      model.put("detail", nasMessage);
    }
    model.put("village", villageView(village));
    model.put("homeUrl", "/desa/" + village.id());
    model.put("servicesUrl", "/desa/" + village.id() + "/layanan");
    model.put("langUrl", langUrl(ctx));
    parts.pages().render(ctx, 200, "info", model).onFailure(ctx::fail);
  }

  void notFound(RoutingContext ctx) {
    renderPlain(ctx, 404, "notfound");
  }

  /** Unexpected failures: a friendly page, the stack trace only in the log. */
  void failure(RoutingContext ctx) {
    log.error("portal request {} failed", ctx.request().path(), ctx.failure());
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    renderPlain(ctx, 500, "failure");
  }

  private void renderPlain(RoutingContext ctx, int status, String stem) {
    Map<String, Object> model = new HashMap<>();
    model.put("title", parts.pages().text(ctx, "info." + stem + ".title"));
    model.put("body", parts.pages().text(ctx, "info." + stem + ".body"));
    model.put("homeUrl", "/");
    model.put("langUrl", "/?lang=" + otherLang(parts.pages().language(ctx)));
    parts
        .pages()
        .render(ctx, status, "info", model)
        .onFailure(
            e -> {
              log.error("could not render the {} page", stem, e);
              if (!ctx.response().ended()) {
                ctx.response().setStatusCode(status).end();
              }
            });
  }

  /** Where a Chilli success goes: our own status link when userurl is one, else /status. */
  private String statusTarget(String userUrl) {
    String ours = parts.publicUrl() + "/status?";
    return userUrl != null && userUrl.startsWith(ours) && SafeUrl.httpTarget(userUrl).isPresent()
        ? userUrl
        : "/status";
  }

  private List<String> absoluteUrls(RoutingContext ctx) {
    String uri = ctx.request().uri();
    List<String> urls = new ArrayList<>();
    urls.add(parts.publicUrl() + uri);
    // authority() covers HTTP/1.1 Host and HTTP/2 :authority alike.
    if (ctx.request().authority() != null) {
      urls.add((ctx.request().isSSL() ? "https://" : "http://") + ctx.request().authority() + uri);
    }
    return urls;
  }

  static Map<String, String> villageView(Village village) {
    return Map.of(
        "id", village.id(),
        "name", village.name(),
        "kecamatan", village.kecamatan() == null ? "" : village.kecamatan());
  }

  /** The config file's links then the desa admin's, or the admin's alone when so chosen. */
  static List<Map<String, String>> services(Village village, LandingContent content) {
    List<Map<String, String>> list = new ArrayList<>();
    for (ServiceLink link : content.shownLinks(village.services())) {
      // A bad URL in the config must not become a javascript: link on the page.
      SafeUrl.httpTarget(link.url())
          .ifPresent(
              url ->
                  list.add(
                      Map.of("name", link.name(), "url", url, "description", link.description())));
    }
    return list;
  }

  private String greetingKey(Village village) {
    int hour = LocalTime.now(parts.clock().withZone(village.timeZone())).getHour();
    if (hour >= 4 && hour < 10) {
      return "greeting.morning";
    }
    if (hour >= 10 && hour < 15) {
      return "greeting.day";
    }
    if (hour >= 15 && hour < 18) {
      return "greeting.afternoon";
    }
    return "greeting.evening";
  }

  /** The current GET page in the other language. */
  private String langUrl(RoutingContext ctx) {
    StringBuilder sb = new StringBuilder(ctx.request().path()).append('?');
    ctx.queryParams()
        .forEach(
            (k, v) -> {
              if (!k.equals("lang")) {
                sb.append(enc(k)).append('=').append(enc(v)).append('&');
              }
            });
    return sb.append("lang=").append(otherLang(parts.pages().language(ctx))).toString();
  }

  static String otherLang(String lang) {
    return "en".equals(lang) ? "id" : "en";
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
