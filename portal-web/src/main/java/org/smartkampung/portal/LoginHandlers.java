package org.smartkampung.portal;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.login.FailedLogin;
import org.smartkampung.core.login.LoginMethod;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.nas.Macs;
import org.smartkampung.core.village.Village;
import org.smartkampung.portal.login.Explanation;
import org.smartkampung.portal.login.Verification;
import org.smartkampung.portal.nas.NasCompletion;
import org.smartkampung.portal.nas.NasContext;
import org.smartkampung.portal.nas.NasKind;

/**
 * The three login forms. Each verifies the villager itself, checks opening hours and quota so the
 * villager sees the right page, mints a one-time token and finishes the NAS's own login with it.
 */
final class LoginHandlers {

  private static final Logger log = LoggerFactory.getLogger(LoginHandlers.class);

  /** A verified login ready for its NAS, or the page to show instead. */
  private sealed interface Outcome {
    record Refused(String messageKey, boolean failure) implements Outcome {}

    record Explained(Explanation explanation) implements Outcome {}

    record Minted(LoginToken token) implements Outcome {}

    record Limited(long waitSeconds) implements Outcome {}
  }

  /** One login method's own check, run off the event loop. */
  @FunctionalInterface
  private interface Check {
    Verification verify(Map<String, String> form, Village village, NasContext nas);
  }

  private final PortalParts parts;
  private final LandingPages landing;

  LoginHandlers(PortalParts parts) {
    this.parts = parts;
    this.landing = new LandingPages(parts);
  }

  /** {@code POST /masuk/gratis}: one tap after accepting the short terms. */
  void clickThrough(RoutingContext ctx) {
    login(
        ctx,
        LoginMethod.CLICK_THROUGH,
        (form, village, nas) ->
            parts.verifier().clickThrough("on".equals(form.get("setuju")), nas.device()));
  }

  /** {@code POST /masuk/voucher}: a printed voucher code. */
  void voucher(RoutingContext ctx) {
    login(
        ctx,
        LoginMethod.VOUCHER,
        (form, village, nas) ->
            parts.verifier().voucher(village.id(), form.get("kode"), nas.device()));
  }

  /** {@code POST /masuk/pelanggan}: a subscriber's username and password. */
  void subscriber(RoutingContext ctx) {
    login(
        ctx,
        LoginMethod.SUBSCRIBER,
        (form, village, nas) ->
            parts.verifier().subscriber(village.id(), form.get("nama"), form.get("sandi")));
  }

  private void login(RoutingContext ctx, LoginMethod method, Check check) {
    Map<String, String> form = new HashMap<>();
    ctx.request().formAttributes().forEach((k, v) -> form.putIfAbsent(k, v));
    Optional<Map<String, String>> state = formState(ctx, form.get("s"));
    if (state.isEmpty()) {
      count(method, "expired");
      Village fallback = parts.village(form.get("desa")).or(() -> parts.village("")).orElse(null);
      if (fallback == null) {
        landing.notFound(ctx);
        return;
      }
      rerender(ctx, 403, fallback, NasContext.none(PortalParts.sourceIp(ctx)), "error.expired");
      return;
    }
    Optional<Village> maybeVillage = parts.village(state.get().get("v"));
    if (maybeVillage.isEmpty()) {
      landing.notFound(ctx);
      return;
    }
    Village village = maybeVillage.get();
    NasContext nas = NasContext.fromState(state.get());
    if (!hotspotServes(nas, village)) {
      // Only the identified hotspot's village may be logged into from it, whatever the page said.
      count(method, "wrong_village");
      rerender(ctx, 403, village, NasContext.none(PortalParts.sourceIp(ctx)), "error.nas");
      return;
    }
    if (!parts.config().loginMethods().contains(method)) {
      count(method, "disabled");
      rerender(ctx, 400, village, nas, "error.method");
      return;
    }
    String who = who(method, form, nas);
    Optional<Explanation> closed = parts.admission().openingHours(village);
    if (closed.isPresent()) {
      count(method, closed.get().slug());
      failed(village, nas, who, reasonCode(closed.get()));
      landing.renderExplanation(ctx, closed.get(), village);
      return;
    }
    // A tap on "Internet Gratis" guesses nothing and never waits behind its neighbours' attempts.
    boolean guess = method != LoginMethod.CLICK_THROUGH;
    String sourceIp = PortalParts.sourceIp(ctx);
    Future<Outcome> outcome =
        parts
            .vertx()
            .executeBlocking(
                () ->
                    blocked(village, nas)
                        ? new Outcome.Explained(Explanation.DEVICE_BLOCKED)
                        : guess
                            ? checkedGuess(form, village, nas, check, sourceIp)
                            : decide(check.verify(form, village, nas), village, nas),
                false);
    outcome
        .onSuccess(o -> answer(ctx, method, village, nas, who, o))
        .onFailure(
            e -> {
              log.warn("login by {} failed in the store", method, e);
              count(method, Explanation.SERVICE_UNAVAILABLE.slug());
              failed(village, nas, who, reasonCode(Explanation.SERVICE_UNAVAILABLE));
              landing.renderExplanation(ctx, Explanation.SERVICE_UNAVAILABLE, village);
            });
  }

  /** Whether the village blocked the device the hotspot reported. Blocking (the store). */
  private boolean blocked(Village village, NasContext nas) {
    return parts.stores().deviceLists().blocked(village.id(), Macs.normalize(nas.device().mac()));
  }

  /** Whether the NAS context (if any) is a configured hotspot of that village. */
  private boolean hotspotServes(NasContext nas, Village village) {
    if (nas.kind() == NasKind.NONE) {
      return true;
    }
    if (nas.kind() == NasKind.GATEWAY) {
      return village.id().equals(parts.config().gateway().village());
    }
    return parts.config().hotspots().stream()
        .anyMatch(h -> h.name().equals(nas.hotspot()) && village.id().equals(h.village()));
  }

  private Outcome decide(Verification verification, Village village, NasContext nas) {
    if (verification instanceof Verification.Refused r) {
      return new Outcome.Refused(r.messageKey(), r.failure());
    }
    if (verification instanceof Verification.Explained e) {
      return new Outcome.Explained(e.explanation());
    }
    Verification.Verified v = (Verification.Verified) verification;
    Optional<Explanation> quota = parts.admission().quota(village, v.userId(), nas.device().id());
    if (quota.isPresent()) {
      return new Outcome.Explained(quota.get());
    }
    return new Outcome.Minted(
        parts
            .minter()
            .mint(village.id(), v.userId(), v.method(), nas.device().mac(), nas.hotspot()));
  }

  /**
   * A voucher or password attempt, reserved in the store before it is checked, so parallel guesses
   * cannot all be checked; given back unless it was a wrong code or password. Blocking.
   */
  private Outcome checkedGuess(
      Map<String, String> form, Village village, NasContext nas, Check check, String sourceIp) {
    long wait = reserve(sourceIp, nas);
    if (wait > 0) {
      return new Outcome.Limited(wait);
    }
    Outcome outcome;
    try {
      outcome = decide(check.verify(form, village, nas), village, nas);
    } catch (RuntimeException e) {
      release(sourceIp, nas);
      throw e;
    }
    if (!(outcome instanceof Outcome.Refused r && r.failure())) {
      release(sourceIp, nas);
    }
    return outcome;
  }

  private void answer(
      RoutingContext ctx,
      LoginMethod method,
      Village village,
      NasContext nas,
      String who,
      Outcome outcome) {
    if (outcome instanceof Outcome.Limited limited) {
      count(method, "limited");
      failed(village, nas, who, "too_many_failures");
      Map<String, Object> extra = new HashMap<>();
      extra.put("error", parts.pages().text(ctx, "error.wait", limited.waitSeconds()));
      landing.render(ctx, 429, village, nas, extra);
    } else if (outcome instanceof Outcome.Refused r) {
      count(method, "refused");
      reasonCode(r.messageKey()).ifPresent(code -> failed(village, nas, who, code));
      rerender(ctx, 400, village, nas, r.messageKey());
    } else if (outcome instanceof Outcome.Explained e) {
      count(method, e.explanation().slug());
      failed(village, nas, who, reasonCode(e.explanation()));
      landing.renderExplanation(ctx, e.explanation(), village);
    } else if (outcome instanceof Outcome.Minted m) {
      count(method, "ok");
      completeAtNas(ctx, village, nas, m.token());
    }
  }

  private void completeAtNas(
      RoutingContext ctx, Village village, NasContext nas, LoginToken token) {
    String statusUrl = statusUrl(village, nas, token);
    parts
        .completer()
        .complete(nas, token, statusUrl)
        .onSuccess(completion -> finish(ctx, village, nas, statusUrl, completion))
        .onFailure(ctx::fail);
  }

  private void finish(
      RoutingContext ctx,
      Village village,
      NasContext nas,
      String statusUrl,
      NasCompletion completion) {
    if (completion instanceof NasCompletion.AutoPost post) {
      Map<String, Object> model = new HashMap<>();
      model.put("action", post.action());
      model.put("fields", post.fields());
      // No language switch here: the page leaves for the hotspot at once.
      parts.pages().render(ctx, 200, "nas-post", model).onFailure(ctx::fail);
    } else if (completion instanceof NasCompletion.Redirect redirect) {
      ctx.redirect(redirect.url());
    } else if (completion instanceof NasCompletion.NoHotspot
        || completion instanceof NasCompletion.Authorized) {
      // Nothing left for the browser to do at a NAS: show what the login gives.
      ctx.response().setStatusCode(303).putHeader("Location", relative(statusUrl)).end();
    } else if (completion instanceof NasCompletion.Refused refused) {
      log.info(
          "gateway {} refused {} ({}): {}",
          nas.hotspot(),
          nas.device().clientIp(),
          refused.unavailable() ? "unavailable" : "rejected",
          refused.replyMessage());
      Explanation why =
          refused.unavailable() ? Explanation.SERVICE_UNAVAILABLE : Explanation.LOGIN_REFUSED;
      landing.renderExplanation(ctx, why, village, refused.replyMessage());
    } else if (completion instanceof NasCompletion.Failed failed) {
      log.warn("could not finish the NAS login: {}", failed.reason());
      rerender(ctx, 400, village, nas, "error.nas");
    }
  }

  /** The signed status link the NAS sends the villager to after a successful login. */
  private String statusUrl(Village village, NasContext nas, LoginToken token) {
    Map<String, String> status = new LinkedHashMap<>();
    status.put("v", village.id());
    status.put("u", token.userId());
    status.put("d", nas.device().id());
    status.put("lo", nas.logoutUrl());
    status.put("orig", nas.originalUrl());
    if (nas.kind() == NasKind.GATEWAY) {
      // Our gateway's logout is a signed call from the portal, not a link for the browser.
      status.put("gw", nas.hotspot());
      status.put("gip", nas.device().clientIp());
    }
    return parts.publicUrl() + "/status?s=" + parts.signer().seal(status);
  }

  private static String relative(String absolute) {
    URI uri = URI.create(absolute);
    return uri.getRawPath() + "?" + uri.getRawQuery();
  }

  /** The signed form state, if it is ours, fresh, for this address, and not posted cross-site. */
  private Optional<Map<String, String>> formState(RoutingContext ctx, String token) {
    String origin = ctx.request().getHeader("Origin");
    String host = ctx.request().authority() == null ? null : ctx.request().authority().toString();
    if ("null".equals(origin)) {
      return Optional.empty();
    }
    if (origin != null && host != null) {
      URI o;
      try {
        o = URI.create(origin);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      String originHost = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
      if (originHost == null || !originHost.equalsIgnoreCase(host)) {
        return Optional.empty();
      }
    }
    return parts
        .signer()
        .verify(token, PortalParts.FORM_MAX_AGE)
        .filter(m -> PortalParts.sourceIp(ctx).equals(m.get("ip")));
  }

  /** Takes an attempt from the source's and the device's allowance; 0, or the seconds to wait. */
  private long reserve(String sourceIp, NasContext nas) {
    long wait = parts.sourceFailures().reserve(sourceIp);
    if (wait > 0) {
      return wait;
    }
    wait = parts.failures().reserveAll(limitKeys(nas));
    if (wait > 0) {
      parts.sourceFailures().release(sourceIp);
    }
    return wait;
  }

  /** Gives the attempt back: it was not a wrong code or password. */
  private void release(String sourceIp, NasContext nas) {
    parts.sourceFailures().release(sourceIp);
    limitKeys(nas).forEach(parts.failures()::release);
  }

  /** The device and the client address the NAS reported (the source address without a NAS). */
  private static java.util.List<String> limitKeys(NasContext nas) {
    String ip = "ip:" + nas.device().clientIp();
    return nas.device().mac().isEmpty()
        ? java.util.List.of(ip)
        : java.util.List.of(ip, "dev:" + nas.device().id());
  }

  private void rerender(
      RoutingContext ctx, int status, Village village, NasContext nas, String key) {
    Map<String, Object> extra = new HashMap<>();
    extra.put("error", parts.pages().text(ctx, key));
    landing.render(ctx, status, village, nas, extra);
  }

  /** What the login was tried as, for the console: the name or code typed, else the device. */
  private static String who(LoginMethod method, Map<String, String> form, NasContext nas) {
    String typed =
        switch (method) {
          case VOUCHER -> form.get("kode");
          case SUBSCRIBER -> form.get("nama");
          default -> null;
        };
    if (typed != null && !typed.isBlank()) {
      return typed.trim();
    }
    return nas.device().mac().isEmpty() ? nas.device().clientIp() : nas.device().mac();
  }

  /** The console's reason code of a refusal; empty for a form left empty (not a failed login). */
  private static Optional<String> reasonCode(String messageKey) {
    return switch (messageKey) {
      case "error.voucher.unknown" -> Optional.of("unknown_voucher");
      case "error.subscriber.wrong" -> Optional.of("bad_credentials");
      case "error.subscriber.disabled" -> Optional.of("account_disabled");
      default -> Optional.empty();
    };
  }

  private static String reasonCode(Explanation explanation) {
    return explanation.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Keeps a refused login for the console, off the event loop (the store may be Redis). */
  private void failed(Village village, NasContext nas, String who, String reason) {
    FailedLogin failed =
        new FailedLogin(
            parts.clock().instant(),
            village.id(),
            who,
            nas.hotspot() == null || nas.hotspot().isEmpty() ? "portal" : nas.hotspot(),
            reason);
    parts
        .vertx()
        .executeBlocking(
            () -> {
              parts.stores().failedLogins().record(failed);
              return null;
            },
            false)
        .onFailure(e -> log.debug("failed login not kept: {}", e.toString()));
  }

  private void count(LoginMethod method, String result) {
    Counter.builder("kampung.portal.logins")
        .description("Portal login attempts by method and result")
        .tag("method", method.name().toLowerCase(java.util.Locale.ROOT))
        .tag("result", result)
        .register(parts.registry())
        .increment();
  }
}
