package org.smartkampung.portal.admin;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AdminRole;
import org.smartkampung.core.village.Village;

/**
 * Authorization for every console route and API call, checked on the server before any handler:
 * signed in (else the sign-in page, or 401 for the API); a CSRF token on every state-changing
 * request (form field {@code csrf} or header {@value #CSRF_HEADER}, else 403); the village in the
 * path one the admin may administer (else 403); kabupaten pages for kabupaten operators only.
 */
final class AdminGuard {

  static final String CSRF_HEADER = "X-CSRF-Token";

  private final AdminParts parts;

  AdminGuard(AdminParts parts) {
    this.parts = parts;
  }

  /** Any console or API route: a valid session, and a CSRF token on anything but GET/HEAD. */
  void signedIn(RoutingContext ctx) {
    parts
        .vertx
        .executeBlocking(
            () ->
                parts
                    .sessions
                    .current(ctx, parts.admin.admins()::find)
                    .flatMap(
                        s -> parts.admin.admins().find(s.username()).map(a -> new Signed(s, a))),
            false)
        .onSuccess(signed -> admit(ctx, signed))
        .onFailure(ctx::fail);
  }

  private record Signed(AdminSessions.Session session, AdminAccount account) {}

  private void admit(RoutingContext ctx, Optional<Signed> signed) {
    boolean api = ctx.request().path().startsWith(AdminRoutes.API);
    if (signed.isEmpty()) {
      if (api) {
        ctx.response()
            .setStatusCode(401)
            .putHeader("Content-Type", "application/json; charset=utf-8")
            .end("{\"error\":\"not signed in\"}");
      } else {
        ctx.response().setStatusCode(303).putHeader("Location", AdminRoutes.SIGN_IN).end();
      }
      return;
    }
    HttpMethod method = ctx.request().method();
    if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
      String token = ctx.request().getHeader(CSRF_HEADER);
      if (token == null) {
        token = ctx.request().getFormAttribute("csrf");
      }
      if (token == null || !parts.sessions.csrfValid(signed.get().session(), token)) {
        parts.status(ctx, 403);
        return;
      }
    }
    ctx.put(AdminParts.SESSION, signed.get().session());
    ctx.put(AdminParts.ACCOUNT, signed.get().account());
    ctx.next();
  }

  /**
   * A route with {@code :village}: the admin must administer it. A desa admin gets 403 for any
   * other id, known or not (no probing which villages exist); a kabupaten operator gets 404 for an
   * unknown one.
   */
  void village(RoutingContext ctx) {
    AdminAccount me = AdminParts.account(ctx);
    String id = ctx.pathParam("village");
    if (!me.mayAdminister(id)) {
      parts.status(ctx, 403);
      return;
    }
    Optional<Village> village = parts.live.current().village(id);
    if (village.isEmpty()) {
      parts.status(ctx, 404);
      return;
    }
    ctx.put(AdminParts.VILLAGE, village.get());
    ctx.next();
  }

  /** Kabupaten-wide pages: kabupaten operators only. */
  void kabupaten(RoutingContext ctx) {
    if (AdminParts.account(ctx).role() != AdminRole.KABUPATEN) {
      parts.status(ctx, 403);
      return;
    }
    ctx.next();
  }
}
