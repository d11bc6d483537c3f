package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AdminRole;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.portal.security.ClientAddress;

/** Sign-in, sign-out, the console's home and the password change. */
final class SignInPages {

  private static final Logger log = LoggerFactory.getLogger(SignInPages.class);

  /** Shortest admin password accepted. */
  static final int MIN_PASSWORD_CHARS = 10;

  // Verified when the username is unknown, so timing does not tell which usernames exist.
  private static final String DUMMY_HASH = new PasswordHasher(310_000).hash("dummy-password");

  private final AdminParts parts;

  SignInPages(AdminParts parts) {
    this.parts = parts;
  }

  /** {@code GET /admin/masuk}. */
  void form(RoutingContext ctx) {
    parts.send(ctx, signInPage(ctx, 200, "", ""));
  }

  /**
   * {@code POST /admin/masuk}: throttled per (account, source address) and per source address, the
   * attempt reserved before the password is checked; failures against one name from everywhere only
   * slow its sign-in down, so nobody can lock the operator out.
   */
  void signIn(RoutingContext ctx) {
    String ip = sourceIp(ctx);
    String username = value(ctx, "username").toLowerCase(Locale.ROOT);
    String password = ctx.request().getFormAttribute("password");
    if (!parts.sessions.signInTokenValid(ip, ctx.request().getFormAttribute("csrf"))) {
      parts.status(ctx, 403);
      return;
    }
    List<String> keys = List.of("ip:" + ip, "u:" + username + "|ip:" + ip);
    parts
        .vertx
        .executeBlocking(() -> admit(username, keys), false)
        .onSuccess(
            admitted -> {
              if (admitted.waitSeconds() > 0) {
                parts.send(
                    ctx,
                    signInPage(
                        ctx,
                        429,
                        username,
                        parts.pages.text(ctx, "signin.throttled", admitted.waitSeconds())));
              } else if (admitted.delayMillis() > 0) {
                parts.vertx.setTimer(
                    admitted.delayMillis(), id -> checkSignIn(ctx, username, password, keys));
              } else {
                checkSignIn(ctx, username, password, keys);
              }
            })
        .onFailure(ctx::fail);
  }

  /** Whether a sign-in may be checked now: the seconds to wait, or the slow-down before it. */
  private record Admitted(long waitSeconds, long delayMillis) {}

  /** Reserves the attempt for the source and the (name, source) pair, in the store. */
  private Admitted admit(String username, List<String> keys) {
    long wait = parts.sourceFailures.reserve(keys.get(0));
    if (wait == 0) {
      wait = parts.accountFailures.reserve(keys.get(1));
      if (wait > 0) {
        parts.sourceFailures.release(keys.get(0));
      }
    }
    return new Admitted(wait, wait > 0 ? 0 : slowDownMillis(username));
  }

  /**
   * The global slow-down for a name many sources guess at: nothing up to {@link
   * AdminParts#MAX_ACCOUNT_FAILURES} failures in the window, then a growing pause before each
   * check.
   */
  private long slowDownMillis(String username) {
    int failures = parts.nameFailures.count("u:" + username);
    int over = failures - AdminParts.MAX_ACCOUNT_FAILURES;
    return over <= 0 ? 0 : Math.min(AdminParts.MAX_SLOW_DOWN_MILLIS, 250L * over);
  }

  private void checkSignIn(
      RoutingContext ctx, String username, String password, List<String> keys) {
    String ip = sourceIp(ctx);
    parts.run(
        ctx,
        () -> {
          Optional<AdminAccount> account = parts.admin.admins().find(username);
          boolean ok =
              PasswordHasher.verify(
                  password == null ? "" : password,
                  account.map(AdminAccount::passwordHash).orElse(DUMMY_HASH));
          if (!ok || account.isEmpty()) {
            // The reserved attempts stay taken: they were failures.
            parts.nameFailures.recordFailure("u:" + username);
            log.info("admin sign-in failed for '{}' from {}", username, ip);
            return signInPage(ctx, 401, username, parts.pages.text(ctx, "signin.wrong"));
          }
          parts.sourceFailures.release(keys.get(0));
          parts.accountFailures.release(keys.get(1));
          if (account.get().disabled()) {
            // Said only after the right password, so it reveals nothing to a guesser.
            return signInPage(ctx, 403, username, parts.pages.text(ctx, "signin.disabled"));
          }
          parts.sessions.start(ctx, account.get());
          return new Reply.Redirect(home(account.get()));
        });
  }

  /** {@code POST /admin/keluar}. */
  void signOut(RoutingContext ctx) {
    AdminSessions.Session session = ctx.get(AdminParts.SESSION);
    parts.run(
        ctx,
        () -> {
          parts.sessions.end(ctx, session);
          return new Reply.Redirect(AdminRoutes.SIGN_IN);
        });
  }

  /** {@code GET /admin}: the admin's own start page. */
  void home(RoutingContext ctx) {
    parts.send(ctx, new Reply.Redirect(home(AdminParts.account(ctx))));
  }

  /** {@code GET /admin/sandi}. */
  void passwordForm(RoutingContext ctx) {
    parts.send(ctx, Reply.page("password", Map.of("errors", Map.of())));
  }

  /**
   * {@code POST /admin/sandi}: needs the current password, guesses of which are throttled like
   * sign-ins (reserved before the check); ends other sessions.
   */
  void changePassword(RoutingContext ctx) {
    AdminAccount me = AdminParts.account(ctx);
    String current = raw(ctx, "current");
    String next = raw(ctx, "password");
    String repeat = raw(ctx, "repeat");
    String key = "pw:" + me.username();
    parts.run(
        ctx,
        () -> {
          long wait = parts.passwordFailures.reserve(key);
          if (wait > 0) {
            return new Reply.Page(
                429,
                "password",
                Map.of(
                    "errors", Map.of("current", parts.pages.text(ctx, "signin.throttled", wait))));
          }
          Map<String, String> errors = new HashMap<>();
          if (!PasswordHasher.verify(current, me.passwordHash())) {
            errors.put("current", parts.pages.text(ctx, "password.wrongCurrent"));
          } else {
            parts.passwordFailures.release(key);
          }
          if (next.length() < MIN_PASSWORD_CHARS) {
            errors.put("password", parts.pages.text(ctx, "password.tooShort", MIN_PASSWORD_CHARS));
          } else if (!next.equals(repeat)) {
            errors.put("repeat", parts.pages.text(ctx, "password.mismatch"));
          }
          if (!errors.isEmpty()) {
            return new Reply.Page(400, "password", Map.of("errors", errors));
          }
          AdminAccount changed =
              me.withPasswordHash(parts.hasher.hash(next), parts.clock.instant());
          parts.admin.admins().update(changed);
          // Every other session of this admin ends; this browser gets a new one.
          parts.sessions.endAll(me.username());
          parts.audit.record(
              me.username(), me.villageId(), "admin.password", me.username(), "", "");
          parts.sessions.start(ctx, changed);
          return new Reply.Page(200, "password", Map.of("errors", Map.of(), "saved", true));
        });
  }

  private Reply signInPage(RoutingContext ctx, int status, String username, String error) {
    Map<String, Object> model = new HashMap<>();
    model.put("signInToken", parts.sessions.signInToken(sourceIp(ctx)));
    model.put("username", username);
    model.put("error", error);
    return new Reply.Page(status, "signin", model);
  }

  static String home(AdminAccount account) {
    return account.role() == AdminRole.KABUPATEN
        ? AdminRoutes.KABUPATEN
        : AdminRoutes.villagePath(account.villageId());
  }

  static String value(RoutingContext ctx, String name) {
    String v = ctx.request().getFormAttribute(name);
    return v == null ? "" : v.trim();
  }

  /** A form value untrimmed (passwords may start or end with a space). */
  static String raw(RoutingContext ctx, String name) {
    String v = ctx.request().getFormAttribute(name);
    return v == null ? "" : v;
  }

  static String sourceIp(RoutingContext ctx) {
    return ClientAddress.of(ctx);
  }
}
