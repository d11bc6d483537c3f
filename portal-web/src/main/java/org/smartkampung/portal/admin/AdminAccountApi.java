package org.smartkampung.portal.admin;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AuditEntry;

/**
 * Admin accounts and the audit log under {@code /api/admin/v1/kabupaten} (kabupaten operators
 * only): the same {@link AdminAccountPages} and {@link AdminAccountStatus} rules and audit entries
 * as the console. Password hashes never leave the server.
 */
final class AdminAccountApi {

  /** Most audit entries one call returns, as many as the console's audit page shows. */
  static final int MAX_AUDIT_LIMIT = 500;

  static final int DEFAULT_AUDIT_LIMIT = 100;

  private final AdminParts parts;
  private final AdminApi api;
  private final AdminAccountPages pages;
  private final AdminAccountStatus status;

  AdminAccountApi(
      AdminParts parts, AdminApi api, AdminAccountPages pages, AdminAccountStatus status) {
    this.parts = parts;
    this.api = api;
    this.pages = pages;
    this.status = status;
  }

  /** {@code GET .../kabupaten/admins}. */
  void list(RoutingContext ctx) {
    String me = AdminParts.account(ctx).username();
    parts.run(
        ctx, () -> AdminApi.jsonList(200, "admins", parts.admin.admins().list(), a -> json(a, me)));
  }

  /** {@code POST .../kabupaten/admins} with {@code {username, village, password}}: a desa admin. */
  void create(RoutingContext ctx) {
    AdminAccount me = AdminParts.account(ctx);
    FormFields form = api.bodyForm(ctx);
    if (form == null) {
      return;
    }
    String password = pages.password(ctx, form);
    parts.run(
        ctx,
        () ->
            pages
                .create(form, password, me)
                .<Reply>map(a -> Reply.json(201, json(a, me.username()).encode()))
                .orElseGet(() -> AdminApi.errors(form)));
  }

  /**
   * {@code PUT .../kabupaten/admins/:username} with {@code {enabled?, password?}}: enable or
   * disable (not yourself, not the last enabled operator: 409), a new password for a desa admin.
   * Every part is checked before any is saved.
   */
  void update(RoutingContext ctx) {
    AdminAccount me = AdminParts.account(ctx);
    String username = ctx.pathParam("username");
    JsonObject body = api.requireBody(ctx);
    if (body == null) {
      return;
    }
    FormFields form =
        new FormFields(f -> AdminApi.text(body, f), key -> parts.pages.text(ctx, key));
    boolean newPassword = body.containsKey("password");
    String password = newPassword ? pages.password(ctx, form) : null;
    Object enabled = body.getValue("enabled");
    if (body.containsKey("enabled") && !(enabled instanceof Boolean)) {
      form.error("enabled", "subscriber.enabledValue");
    }
    parts.run(
        ctx,
        () -> {
          Optional<AdminAccount> found = parts.admin.admins().find(username);
          if (found.isEmpty()) {
            return notFound();
          }
          if (newPassword && !pages.resettable(username)) {
            // Operators change their own password with the current one, on /admin/sandi.
            form.errorIfAbsent("password", "adminAccount.ownPasswordOnly");
          }
          if (!form.ok()) {
            return AdminApi.errors(form);
          }
          if (enabled instanceof Boolean enable) {
            Optional<String> refusal = status.setEnabled(username, enable, me);
            if (refusal.isPresent()) {
              return refused(ctx, refusal.get());
            }
          }
          if (newPassword) {
            pages.resetPassword(username, password, me);
          }
          AdminAccount now = parts.admin.admins().find(username).orElse(found.get());
          return Reply.json(200, json(now, me.username()).encode());
        });
  }

  /** {@code DELETE .../kabupaten/admins/:username}: 204; 409 for yourself or the last operator. */
  void delete(RoutingContext ctx) {
    AdminAccount me = AdminParts.account(ctx);
    String username = ctx.pathParam("username");
    parts.run(
        ctx,
        () ->
            status
                .delete(username, me)
                .map(refusal -> refused(ctx, refusal))
                .orElseGet(() -> new Reply.Body(204, "application/json; charset=utf-8", "", null)));
  }

  /**
   * {@code GET .../kabupaten/audit?offset=&limit=}: newest first; {@code more} says whether older
   * entries follow.
   */
  void audit(RoutingContext ctx) {
    FormFields form = new FormFields(ctx.request()::getParam, key -> parts.pages.text(ctx, key));
    Long offsetParam = form.optionalLong("offset", 0, 1_000_000);
    Long limitParam = form.optionalLong("limit", 1, MAX_AUDIT_LIMIT);
    if (!form.ok()) {
      parts.send(ctx, AdminApi.errors(form));
      return;
    }
    int offset = offsetParam == null ? 0 : offsetParam.intValue();
    int limit = limitParam == null ? DEFAULT_AUDIT_LIMIT : limitParam.intValue();
    parts.run(
        ctx,
        () -> {
          // One more than asked for tells whether there is a next page.
          List<AuditEntry> newest = parts.admin.audit().newest(offset + limit + 1);
          List<AuditEntry> page =
              newest.subList(
                  Math.min(offset, newest.size()), Math.min(offset + limit, newest.size()));
          Reply list = AdminApi.jsonList(200, "entries", page, AdminAccountApi::auditJson);
          JsonObject json =
              new JsonObject(((Reply.Body) list).body())
                  .put("offset", offset)
                  .put("limit", limit)
                  .put("more", newest.size() > offset + limit);
          return Reply.json(200, json.encode());
        });
  }

  private Reply refused(RoutingContext ctx, String refusal) {
    if (refusal.equals(AdminAccountStatus.NOT_FOUND)) {
      return notFound();
    }
    return Reply.json(409, new JsonObject().put("error", parts.pages.text(ctx, refusal)).encode());
  }

  private static Reply notFound() {
    return Reply.json(404, "{\"error\":\"not found\"}");
  }

  private static JsonObject json(AdminAccount a, String me) {
    return new JsonObject()
        .put("username", a.username())
        .put("role", a.role().name())
        .put("village", a.villageId())
        .put("disabled", a.disabled())
        .put("self", a.username().equals(me))
        .put("createdAt", a.createdAt() == null ? null : a.createdAt().toString());
  }

  private static JsonObject auditJson(AuditEntry e) {
    return new JsonObject()
        .put("id", e.id())
        .put("at", e.at().toString())
        .put("actor", e.actor())
        .put("village", e.villageId())
        .put("action", e.action())
        .put("target", e.target())
        .put("before", e.before())
        .put("after", e.after());
  }
}
