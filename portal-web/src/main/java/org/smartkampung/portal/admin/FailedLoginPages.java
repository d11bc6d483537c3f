package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import org.smartkampung.core.login.FailedLogin;
import org.smartkampung.core.village.Village;

/**
 * {@code GET /admin/desa/:village/gagal-masuk}: the village's most recent refused logins (RADIUS
 * rejects and portal failures), newest first, so "why can't Bu Sri log in?" has an answer.
 */
final class FailedLoginPages {

  /** Rows shown; the store keeps at most {@code FailedLogins.KEPT_PER_VILLAGE}. */
  static final int SHOWN = 100;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss");

  private final AdminParts parts;

  FailedLoginPages(AdminParts parts) {
    this.parts = parts;
  }

  void list(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    parts.run(
        ctx,
        () -> {
          List<FailedLogin> recent = parts.stores.failedLogins().recent(village.id(), SHOWN);
          Map<String, Object> model = new HashMap<>();
          model.put("village", VillagePages.view(village));
          model.put("failures", recent.stream().map(f -> row(ctx, f, village)).toList());
          return Reply.page("failed-logins", model);
        });
  }

  private Map<String, String> row(RoutingContext ctx, FailedLogin failed, Village village) {
    String reason;
    try {
      reason = parts.pages.text(ctx, "failed.reason." + failed.reason());
    } catch (MissingResourceException e) {
      reason = failed.reason(); // a reason newer than this console's texts
    }
    return Map.of(
        "time",
        TIME.format(failed.at().atZone(village.timeZone())),
        "who",
        failed.who(),
        "hotspot",
        failed.hotspot(),
        "reason",
        reason);
  }
}
