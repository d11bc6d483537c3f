package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.session.LimitsRequest;
import org.smartkampung.core.session.LimitsResult;

/**
 * After a quota edit, asks the RADIUS role (over the session command channel) to give the running
 * sessions their new limits by CoA, and words what came of it for the admin. The console never
 * talks to a NAS itself.
 */
final class LimitsNotice {

  private static final Logger log = LoggerFactory.getLogger(LimitsNotice.class);

  private LimitsNotice() {}

  /**
   * Queues the request; empty when the channel cannot be written (the edit is saved anyway, and
   * running sessions take it at their next Interim-Update).
   *
   * @param userId the subscriber whose override changed; empty for every session of the village
   */
  static Optional<LimitsRequest> request(
      AdminParts parts, String villageId, String userId, String admin) {
    try {
      return Optional.of(parts.stores.sessionCommands().requestLimits(villageId, userId, admin));
    } catch (RuntimeException e) {
      log.warn("cannot queue new limits for village {}: {}", villageId, e.toString());
      return Optional.empty();
    }
  }

  /**
   * The line the admin reads about request {@code requestId} of the village: pending, or how many
   * sessions got the new limits by CoA, were disconnected, or wait for their next Interim-Update.
   * Another village's result reads as pending.
   */
  static String text(AdminParts parts, RoutingContext ctx, String requestId, String villageId) {
    Optional<LimitsResult> result =
        parts
            .stores
            .sessionCommands()
            .limitsResult(requestId)
            .filter(r -> villageId.equals(r.villageId()));
    if (result.isEmpty()) {
      return parts.pages.text(ctx, "limits.pending");
    }
    LimitsResult r = result.get();
    if (r.sessions() == 0) {
      return parts.pages.text(ctx, "limits.none");
    }
    List<String> lines = new ArrayList<>();
    if (r.coaSent() > 0) {
      lines.add(parts.pages.text(ctx, "limits.coa", r.coaSent(), r.coaAcknowledged()));
    }
    if (r.disconnectsSent() > 0) {
      lines.add(
          parts.pages.text(ctx, "limits.disconnected", r.disconnectsSent(), r.disconnected()));
    }
    if (r.atNextInterim() > 0) {
      lines.add(parts.pages.text(ctx, "limits.nextInterim", r.atNextInterim()));
    }
    return String.join(" ", lines);
  }

  /** The text for a save whose request could not be queued. */
  static String unsent(AdminParts parts, RoutingContext ctx) {
    return parts.pages.text(ctx, "limits.unsent");
  }
}
