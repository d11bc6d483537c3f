package org.smartkampung.portal.admin;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.SignInAttempts;
import org.smartkampung.core.config.LiveConfig;
import org.smartkampung.core.nas.RadSecLinks;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.village.Village;
import org.smartkampung.portal.admin.service.AdminServices;
import org.smartkampung.portal.i18n.Messages;
import org.smartkampung.portal.page.PageRenderer;
import org.smartkampung.portal.security.AttemptLimit;
import org.smartkampung.portal.security.StateSigner;

/** What the admin console's handlers share; made once per portal. Every part is thread-safe. */
public final class AdminParts {

  private static final Logger log = LoggerFactory.getLogger(AdminParts.class);

  /**
   * Failed sign-ins one account may have per {@link #SIGN_IN_WINDOW} from one source address; from
   * then on that source waits, while failures from everywhere only slow the name down.
   */
  static final int MAX_ACCOUNT_FAILURES = 5;

  /** The longest pause the global slow-down puts before checking a much-guessed name. */
  static final long MAX_SLOW_DOWN_MILLIS = 3_000;

  /** Wrong current passwords one admin may give the password change per {@link #SIGN_IN_WINDOW}. */
  static final int MAX_PASSWORD_FAILURES = 5;

  /** Failed sign-ins one source address may have per {@link #SIGN_IN_WINDOW}, over all names. */
  static final int MAX_SOURCE_FAILURES = 20;

  static final Duration SIGN_IN_WINDOW = Duration.ofMinutes(15);

  static final String ACCOUNT = "admin.account";
  static final String SESSION = "admin.session";
  static final String VILLAGE = "admin.village";

  final Vertx vertx;
  final LiveConfig live;
  final KampungStores stores;
  final AdminStores admin;
  final PasswordHasher hasher;
  final Clock clock;
  final PageRenderer pages;
  final AdminSessions sessions;
  final AttemptLimit accountFailures;
  final AttemptLimit sourceFailures;
  final AttemptLimit nameFailures;
  final AttemptLimit passwordFailures;
  final AuditTrail audit;
  final RadSecLinks radSecLinks;
  final AdminServices services;

  private AdminParts(
      Vertx vertx, AdminSetup setup, KampungStores stores, Clock clock, StateSigner signer) {
    this.vertx = vertx;
    this.live = setup.live();
    this.stores = stores;
    this.admin = setup.stores();
    this.hasher = setup.hasher();
    this.clock = clock;
    this.pages = new PageRenderer(vertx, Messages.load("i18n.admin"), live.base());
    this.sessions =
        new AdminSessions(
            signer,
            setup.stores().sessions(),
            clock,
            live.base().portal().publicUrl().startsWith("https:"));
    SignInAttempts attempts = setup.stores().signInAttempts();
    this.accountFailures =
        new AttemptLimit("account", MAX_ACCOUNT_FAILURES, SIGN_IN_WINDOW, attempts, clock);
    this.sourceFailures =
        new AttemptLimit("source", MAX_SOURCE_FAILURES, SIGN_IN_WINDOW, attempts, clock);
    // Only counted, never refusing: it drives the slow-down.
    this.nameFailures =
        new AttemptLimit("name", Integer.MAX_VALUE, SIGN_IN_WINDOW, attempts, clock);
    this.passwordFailures =
        new AttemptLimit("password", MAX_PASSWORD_FAILURES, SIGN_IN_WINDOW, attempts, clock);
    this.services = AdminServices.create(stores, setup.stores(), hasher, clock);
    this.audit = new AuditTrail(services.audit());
    this.radSecLinks = setup.radSecLinks();
  }

  /** The console's parts on the portal's Vert.x, stores, clock and signing key. */
  public static AdminParts create(
      Vertx vertx, AdminSetup setup, KampungStores stores, Clock clock, StateSigner signer) {
    return new AdminParts(vertx, setup, stores, clock, signer);
  }

  /** Numbers, money, dates and hours in the admin's language. */
  org.smartkampung.portal.page.Formats formats(RoutingContext ctx) {
    return org.smartkampung.portal.page.Formats.of(pages.language(ctx));
  }

  /** The submitted console form, read in the admin's language. */
  FormFields form(RoutingContext ctx) {
    return new FormFields(
        ctx.request()::getFormAttribute, key -> pages.text(ctx, key), formats(ctx));
  }

  static AdminAccount account(RoutingContext ctx) {
    return ctx.get(ACCOUNT);
  }

  static Village village(RoutingContext ctx) {
    return ctx.get(VILLAGE);
  }

  /** Runs {@code work} on a worker thread (store round trips, PBKDF2) and sends its reply. */
  void run(RoutingContext ctx, Callable<Reply> work) {
    vertx
        .executeBlocking(work, false)
        .onSuccess(reply -> send(ctx, reply))
        .onFailure(
            e -> {
              log.error("admin request {} failed", ctx.request().path(), e);
              ctx.fail(500, e);
            });
  }

  /** A request's flash cookie value set by a worker ("" clears it), sent with the reply. */
  static final String FLASH = "admin.flash";

  void send(RoutingContext ctx, Reply reply) {
    String flash = ctx.get(FLASH);
    if (flash != null) {
      sessions.setKickFlash(ctx, flash);
    }
    if (reply instanceof Reply.Redirect r) {
      ctx.response().setStatusCode(303).putHeader("Location", r.path()).end();
    } else if (reply instanceof Reply.Body b) {
      ctx.response()
          .setStatusCode(b.status())
          .putHeader("Content-Type", b.contentType())
          .putHeader("Cache-Control", "no-store");
      if (b.fileName() != null) {
        ctx.response()
            .putHeader("Content-Disposition", "attachment; filename=\"" + b.fileName() + "\"");
      }
      ctx.response().end(b.body());
    } else if (reply instanceof Reply.Page p) {
      Map<String, Object> model = new HashMap<>(p.model());
      AdminAccount me = account(ctx);
      AdminSessions.Session session = ctx.get(SESSION);
      if (me != null) {
        model.put("me", me.username());
        model.put("kabupaten", me.role() == org.smartkampung.core.admin.AdminRole.KABUPATEN);
        model.put("homeVillage", me.villageId() == null ? "" : me.villageId());
      }
      if (session != null) {
        model.put("csrf", sessions.csrfToken(session));
      }
      model.putIfAbsent("langUrl", "");
      pages.render(ctx, p.status(), "admin/" + p.template(), model).onFailure(ctx::fail);
    }
  }

  /** A plain message page with a status (403, 404). */
  void status(RoutingContext ctx, int status) {
    String key = status == 403 ? "error.forbidden" : "error.notFound";
    if (ctx.request().path().startsWith(AdminRoutes.API)) {
      ctx.response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .end("{\"error\":\"" + (status == 403 ? "forbidden" : "not found") + "\"}");
      return;
    }
    send(ctx, new Reply.Page(status, "message", Map.of("message", pages.text(ctx, key))));
  }
}
