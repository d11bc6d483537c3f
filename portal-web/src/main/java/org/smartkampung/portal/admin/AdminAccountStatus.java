package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AdminRole;

/**
 * Disables, enables and deletes admin accounts (kabupaten operators only). Nobody changes their own
 * account here, and the last enabled kabupaten operator can be neither disabled nor deleted, so the
 * console never locks everyone out. A disabled admin cannot sign in and their sessions stop at the
 * next request ({@link AdminSessions#current}). Audited.
 */
final class AdminAccountStatus {

  static final String NOT_FOUND = "error.notFound";

  private final AdminParts parts;
  private final AdminAccountPages pages;

  AdminAccountStatus(AdminParts parts, AdminAccountPages pages) {
    this.parts = parts;
    this.pages = pages;
  }

  /** {@code POST /admin/kabupaten/admin/:username/status} with {@code enabled=ya|tidak}. */
  void setEnabled(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    boolean enable = "ya".equals(ctx.request().getFormAttribute("enabled"));
    AdminAccount me = AdminParts.account(ctx);
    parts.run(
        ctx,
        () ->
            answer(
                ctx,
                me,
                setEnabled(username, enable, me),
                AdminAccountPages.ADMINS + "?selesai=status"));
  }

  /** {@code POST /admin/kabupaten/admin/:username/hapus}. */
  void delete(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    AdminAccount me = AdminParts.account(ctx);
    parts.run(
        ctx,
        () -> answer(ctx, me, delete(username, me), AdminAccountPages.ADMINS + "?selesai=dihapus"));
  }

  /**
   * Enables or disables {@code username}, audited when it changes (blocking).
   *
   * @return empty when done; else the message key of the refusal: {@value #NOT_FOUND}, {@code
   *     adminAccount.notYourself} or {@code adminAccount.lastOperator}
   */
  Optional<String> setEnabled(String username, boolean enable, AdminAccount me) {
    Optional<AdminAccount> found = parts.admin.admins().find(username);
    if (found.isEmpty()) {
      return Optional.of(NOT_FOUND);
    }
    Optional<String> refusal = enable ? Optional.empty() : refusal(me, found.get());
    if (refusal.isPresent()) {
      return refusal;
    }
    AdminAccount account = found.get();
    if (account.disabled() != !enable) {
      parts.admin.admins().update(account.withDisabled(!enable));
      if (!enable) {
        parts.sessions.endAll(username);
      }
      parts.audit.record(
          me.username(),
          account.villageId(),
          enable ? "admin.enable" : "admin.disable",
          username,
          "disabled=" + account.disabled(),
          "disabled=" + !enable);
    }
    return Optional.empty();
  }

  /** Deletes {@code username}, audited (blocking); the refusals of {@link #setEnabled}. */
  Optional<String> delete(String username, AdminAccount me) {
    Optional<AdminAccount> found = parts.admin.admins().find(username);
    if (found.isEmpty()) {
      return Optional.of(NOT_FOUND);
    }
    Optional<String> refusal = refusal(me, found.get());
    if (refusal.isPresent()) {
      return refusal;
    }
    AdminAccount account = found.get();
    if (parts.admin.admins().delete(username)) {
      parts.sessions.endAll(username);
      parts.audit.record(
          me.username(), account.villageId(), "admin.delete", username, account.toString(), "");
    }
    return Optional.empty();
  }

  private Reply answer(
      RoutingContext ctx, AdminAccount me, Optional<String> refusal, String donePath) {
    if (refusal.isEmpty()) {
      return new Reply.Redirect(donePath);
    }
    if (refusal.get().equals(NOT_FOUND)) {
      return new Reply.Page(404, "message", Map.of("message", parts.pages.text(ctx, NOT_FOUND)));
    }
    return pages.page(
        409, Map.of(), Map.of(), "", parts.pages.text(ctx, refusal.get()), me.username());
  }

  /** Why {@code me} may not disable or delete {@code account}; empty when they may. */
  private Optional<String> refusal(AdminAccount me, AdminAccount account) {
    if (account.username().equals(me.username())) {
      return Optional.of("adminAccount.notYourself");
    }
    boolean lastOperator =
        account.role() == AdminRole.KABUPATEN
            && !account.disabled()
            && parts.admin.admins().list().stream()
                .noneMatch(
                    a ->
                        a.role() == AdminRole.KABUPATEN
                            && !a.disabled()
                            && !a.username().equals(account.username()));
    return lastOperator ? Optional.of("adminAccount.lastOperator") : Optional.empty();
  }
}
