package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AdminRole;
import org.smartkampung.core.village.Village;

/**
 * The kabupaten operator's page of admin accounts: list, create a desa admin, reset a desa admin's
 * password ({@link AdminAccountStatus} disables, enables and deletes). Every change is audited
 * without the password.
 */
final class AdminAccountPages {

  static final String ADMINS = AdminRoutes.KABUPATEN + "/admin";
  private final AdminParts parts;

  AdminAccountPages(AdminParts parts) {
    this.parts = parts;
  }

  /** {@code GET /admin/kabupaten/admin}. */
  void list(RoutingContext ctx) {
    String done = ctx.request().getParam("selesai", "");
    String me = AdminParts.account(ctx).username();
    parts.run(ctx, () -> page(200, Map.of(), Map.of(), done, "", me));
  }

  /** {@code POST /admin/kabupaten/admin}: a new desa admin of one known village. */
  void create(RoutingContext ctx) {
    AdminAccount me = AdminParts.account(ctx);
    FormFields form = parts.form(ctx);
    String password = password(ctx, form);
    parts.run(
        ctx,
        () -> {
          if (create(form, password, me).isPresent()) {
            return new Reply.Redirect(ADMINS + "?selesai=dibuat");
          }
          Map<String, String> submitted =
              Map.of("username", form.text("username"), "village", form.text("village"));
          return page(400, submitted, form.errors(), "", "", me.username());
        });
  }

  /**
   * Creates the desa admin of form fields {@code username} and {@code village}, audited without the
   * password (blocking).
   *
   * @param password checked already by {@link #password}
   * @return the account; empty with errors in {@code form}
   */
  Optional<AdminAccount> create(FormFields form, String password, AdminAccount me) {
    String username = SubscriberRules.username(form);
    String villageId = form.text("village");
    if (villageId.isEmpty()) {
      form.error("village", "form.required");
    } else if (parts.live.current().village(villageId).isEmpty()) {
      form.error("village", "adminAccount.unknownVillage");
    }
    if (form.ok() && parts.admin.admins().find(username).isPresent()) {
      form.error("username", "adminAccount.taken");
    }
    if (!form.ok()) {
      return Optional.empty();
    }
    AdminAccount account =
        new AdminAccount(
            username,
            AdminRole.DESA,
            villageId,
            parts.hasher.hash(password),
            parts.clock.instant(),
            parts.clock.instant());
    // create() refuses a name taken meanwhile by another operator's request.
    if (!parts.admin.admins().create(account)) {
      form.error("username", "adminAccount.taken");
      return Optional.empty();
    }
    parts.audit.record(
        me.username(), villageId, "admin.create", username, "", "role=DESA, village=" + villageId);
    return Optional.of(account);
  }

  /** {@code POST /admin/kabupaten/admin/:username/sandi}: a new password for a desa admin. */
  void resetPassword(RoutingContext ctx) {
    AdminAccount me = AdminParts.account(ctx);
    String username = ctx.pathParam("username");
    FormFields form = parts.form(ctx);
    String password = password(ctx, form);
    parts.run(
        ctx,
        () -> {
          if (!resettable(username)) {
            return new Reply.Page(
                404, "message", Map.of("message", parts.pages.text(ctx, "error.notFound")));
          }
          if (!form.ok()) {
            Map<String, String> errors = new HashMap<>();
            errors.put("reset-" + username, form.errors().get("password"));
            return page(400, Map.of(), errors, "", "", me.username());
          }
          resetPassword(username, password, me);
          return new Reply.Redirect(ADMINS + "?selesai=sandi");
        });
  }

  /**
   * Whether {@code username} is a desa admin; kabupaten operators change their own password on
   * /admin/sandi, with the current one.
   */
  boolean resettable(String username) {
    return parts.admin.admins().find(username).filter(a -> a.role() == AdminRole.DESA).isPresent();
  }

  /** Sets a desa admin's password (checked by {@link #password}), audited; false when no such. */
  boolean resetPassword(String username, String password, AdminAccount me) {
    AdminAccount account = parts.admin.admins().find(username).orElse(null);
    if (account == null || account.role() != AdminRole.DESA) {
      return false;
    }
    parts
        .admin
        .admins()
        .update(account.withPasswordHash(parts.hasher.hash(password), parts.clock.instant()));
    parts.sessions.endAll(username);
    parts.audit.record(me.username(), account.villageId(), "admin.passwordReset", username, "", "");
    return true;
  }

  /** The page, {@code refusal} shown at the top; {@code me} gets no disable or delete buttons. */
  Reply page(
      int status,
      Map<String, String> submitted,
      Map<String, String> errors,
      String done,
      String refusal,
      String me) {
    List<Map<String, String>> admins = new ArrayList<>();
    for (AdminAccount a : parts.admin.admins().list()) {
      admins.add(
          Map.of(
              "username", a.username(),
              "role", a.role().name(),
              "village", a.villageId() == null ? "" : a.villageId(),
              "desa", Boolean.toString(a.role() == AdminRole.DESA),
              "disabled", Boolean.toString(a.disabled()),
              "self", Boolean.toString(a.username().equals(me))));
    }
    List<Map<String, String>> villages = new ArrayList<>();
    for (Village v : parts.live.current().villages()) {
      villages.add(Map.of("id", v.id(), "name", v.name()));
    }
    Map<String, Object> model = new HashMap<>();
    model.put("admins", admins);
    model.put("villages", villages);
    model.put("v", submitted);
    model.put("errors", errors);
    model.put("done", done);
    model.put("refusal", refusal);
    return new Reply.Page(status, "admins", model);
  }

  /** The new password as typed, with an error recorded when it is too short. */
  String password(RoutingContext ctx, FormFields form) {
    String password = form.raw("password");
    if (password.length() < SignInPages.MIN_PASSWORD_CHARS) {
      form.errors()
          .put(
              "password",
              parts.pages.text(ctx, "password.tooShort", SignInPages.MIN_PASSWORD_CHARS));
    }
    return password;
  }
}
