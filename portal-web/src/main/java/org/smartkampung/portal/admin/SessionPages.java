package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.session.KickResult;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.village.Village;
import org.smartkampung.portal.admin.service.SessionService;
import org.smartkampung.portal.page.Formats;

/**
 * Live sessions of a village and "kick": the console queues a disconnect on the session command
 * channel; the RADIUS role sends the Disconnect-Request and records the result. After the kick the
 * admin lands on the plain session list (post/redirect/get), which shows the result from a signed
 * flash cookie on every load until the hotspot has answered (no JavaScript).
 */
final class SessionPages {

  private final AdminParts parts;

  SessionPages(AdminParts parts) {
    this.parts = parts;
  }

  /** {@code GET /admin/desa/:village/sesi[?putus=<request id>]}. */
  void list(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    Formats f = parts.formats(ctx);
    AdminSessions.Session me = ctx.get(AdminParts.SESSION);
    io.vertx.core.http.Cookie flash = ctx.request().getCookie(AdminSessions.KICK_COOKIE);
    String fromFlash =
        flash == null || me == null
            ? ""
            : parts.sessions.kickId(me, village.id(), flash.getValue()).orElse("");
    String kickId = ctx.request().getParam("putus", fromFlash);
    parts.run(
        ctx,
        () -> {
          Map<String, Object> model = new HashMap<>();
          model.put("village", VillagePages.view(village));
          model.put(
              "sessions",
              parts.stores.sessions().listByVillage(village.id()).stream()
                  .map(s -> row(s, village, f))
                  .toList());
          if (!kickId.isEmpty()) {
            // Another village's result stays hidden, as if still pending.
            Optional<KickResult> result =
                parts
                    .stores
                    .sessionCommands()
                    .result(kickId)
                    .filter(r -> belongsTo(r, village.id(), parts.live.current()));
            model.put(
                "kick",
                result
                    .map(r -> parts.pages.text(ctx, "kick." + r.outcome().name()) + detail(r))
                    .orElse(parts.pages.text(ctx, "kick.pending")));
            if (result.isPresent() && kickId.equals(fromFlash)) {
              ctx.put(AdminParts.FLASH, ""); // shown once done; a pending kick stays shown
            }
            model.put("kickUrl", AdminRoutes.villagePath(village.id()) + "/sesi");
          }
          return Reply.page("sessions", model);
        });
  }

  /** {@code POST /admin/desa/:village/sesi/putus}: only a session of this village. */
  void kick(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    String sessionId = SignInPages.value(ctx, "session");
    parts.run(ctx, () -> kick(parts, ctx, village, sessionId, me));
  }

  /**
   * The console's one kick (its rules and its one audit entry through {@link SessionService}),
   * answered with the session list and the kick's result; the device page's "block and kick" ends
   * with it too.
   */
  static Reply kick(
      AdminParts parts, RoutingContext ctx, Village village, String sessionId, AdminAccount me) {
    return parts
        .services
        .sessions()
        .kick(new SessionService.Kick(village.id(), sessionId, me.username()))
        .fold(
            request -> {
              AdminSessions.Session signIn = ctx.get(AdminParts.SESSION);
              ctx.put(
                  AdminParts.FLASH, parts.sessions.kickFlash(signIn, village.id(), request.id()));
              return new Reply.Redirect(AdminRoutes.villagePath(village.id()) + "/sesi");
            },
            e -> Refusals.page(parts, ctx, e, "kick.unknown"));
  }

  /**
   * Whether a kick result concerns a session of the village: session ids are {@code <nas
   * name>/<Acct-Session-Id>}, and the NAS belongs to one village. The session itself is usually
   * gone by the time the result is read.
   */
  static boolean belongsTo(KickResult result, String villageId, KampungConfig config) {
    String sessionId = result.sessionId() == null ? "" : result.sessionId();
    int slash = sessionId.indexOf('/');
    String nasName = slash < 0 ? sessionId : sessionId.substring(0, slash);
    return config.nasClients().stream()
        .anyMatch(n -> n.name().equals(nasName) && villageId.equals(n.village()));
  }

  private static String detail(KickResult r) {
    return r.detail() == null || r.detail().isEmpty() ? "" : " (" + r.detail() + ")";
  }

  private static Map<String, String> row(Session s, Village village, Formats f) {
    Map<String, String> row = new HashMap<>();
    row.put("id", s.id());
    row.put("user", s.userId());
    row.put("mac", s.deviceMac());
    row.put("hotspot", s.nasName());
    row.put("start", f.dateTime(s.startedAt().atZone(village.timeZone())));
    row.put("bytes", f.bytes(s.inBytes() + s.outBytes()));
    row.put("rate", f.rate(s.rateBitsPerSecond()));
    return row;
  }
}
