package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AdminRole;
import org.smartkampung.core.subscriber.PasswordHasher;

/** Sign-in, sign-out, the console's home and the password change. */
final class SignInPages {

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

  /** {@code POST /admin/masuk}: throttled per account and per source address. */
  void signIn(RoutingContext ctx) {
    String ip = sourceIp(ctx);
    String username = value(ctx, "username").toLowerCase(Locale.ROOT);
    String password = ctx.request().getFormAttribute("password");
    if (!parts.sessions.signInTokenValid(ip, ctx.request().getFormAttribute("csrf"))) {
      parts.status(ctx, 403);
      return;
    }
    long wait =
        Math.max(
            parts.accountFailures.waitSeconds("u:" + username),
            parts.sourceFailures.waitSeconds("ip:" + ip));
    if (wait > 0) {
      parts.send(
          ctx, signInPage(ctx, 429, username, parts.pages.text(ctx, "signin.throttled", wait)));
      return;
    }
    parts.run(
        ctx,
        () -> {
          Optional<AdminAccount> account = parts.admin.admins().find(username);
          boolean ok =
              PasswordHasher.verify(
                  password == null ? "" : password,
                  account.map(AdminAccount::passwordHash).orElse(DUMMY_HASH));
          if (!ok || account.isEmpty()) {
            parts.accountFailures.recordFailure("u:" + username);
            parts.sourceFailures.recordFailure("ip:" + ip);
            return signInPage(ctx, 401, username, parts.pages.text(ctx, "signin.wrong"));
          }
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
    parts.sessions.end(ctx);
    parts.send(ctx, new Reply.Redirect(AdminRoutes.SIGN_IN));
  }

  /** {@code GET /admin}: the admin's own start page. */
  void home(RoutingContext ctx) {
    parts.send(ctx, new Reply.Redirect(home(AdminParts.account(ctx))));
  }

  /** {@code GET /admin/sandi}. */
  void passwordForm(RoutingContext ctx) {
    parts.send(ctx, Reply.page("password", Map.of("errors", Map.of())));
  }

  /** {@code POST /admin/sandi}: needs the current password; ends other sessions. */
  void changePassword(RoutingContext ctx) {
    AdminAccount me = AdminParts.account(ctx);
    String current = raw(ctx, "current");
    String next = raw(ctx, "password");
    String repeat = raw(ctx, "repeat");
    parts.run(
        ctx,
        () -> {
          Map<String, String> errors = new HashMap<>();
          if (!PasswordHasher.verify(current, me.passwordHash())) {
            errors.put("current", parts.pages.text(ctx, "password.wrongCurrent"));
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
    return ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
  }
}
