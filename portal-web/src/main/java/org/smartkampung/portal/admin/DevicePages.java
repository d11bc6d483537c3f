package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.device.DeviceListKind;
import org.smartkampung.core.device.ListedDevice;
import org.smartkampung.core.nas.Macs;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.village.Village;
import org.smartkampung.portal.page.Formats;

/**
 * A village's blocked and bypass devices: the list with its add and remove forms, and "Blokir
 * perangkat" on the session list, which blocks the session's MAC and kicks the session. The village
 * comes from the path, which {@link AdminGuard#village} has checked against the admin, so a desa
 * admin cannot reach another village's lists by editing the URL or the form.
 */
final class DevicePages {

  static final int NOTE_MAX_CHARS = 200;

  private final AdminParts parts;

  DevicePages(AdminParts parts) {
    this.parts = parts;
  }

  static String path(Village village) {
    return AdminRoutes.villagePath(village.id()) + "/perangkat";
  }

  /** {@code GET /admin/desa/:village/perangkat}. */
  void list(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    Formats f = parts.formats(ctx);
    parts.run(ctx, () -> Reply.page("devices", model(village, f, Map.of(), Map.of())));
  }

  private Map<String, Object> model(
      Village village, Formats f, Map<String, String> submitted, Map<String, String> errors) {
    List<ListedDevice> listed = parts.stores.deviceLists().list(village.id());
    Map<String, Object> model = new HashMap<>();
    model.put("village", VillagePages.view(village));
    model.put("blocked", rows(listed, DeviceListKind.BLOCKED, village, f));
    model.put("bypass", rows(listed, DeviceListKind.BYPASS, village, f));
    model.put("v", submitted);
    model.put("errors", errors);
    return model;
  }

  private static List<Map<String, String>> rows(
      List<ListedDevice> listed, DeviceListKind kind, Village village, Formats f) {
    return listed.stream()
        .filter(d -> d.kind() == kind)
        .map(
            d ->
                Map.of(
                    "mac", d.mac(),
                    "note", d.note(),
                    "by", d.addedBy(),
                    "at", f.dateTime(d.addedAt().atZone(village.timeZone()))))
        .toList();
  }

  /** {@code POST /admin/desa/:village/perangkat} with {@code mac}, {@code note}, {@code list}. */
  void add(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    FormFields form = parts.form(ctx);
    Formats f = parts.formats(ctx);
    parts.run(
        ctx,
        () -> {
          String mac = Macs.normalize(form.text("mac"));
          String note = form.text("note");
          DeviceListKind kind =
              "lewati".equals(form.text("list")) ? DeviceListKind.BYPASS : DeviceListKind.BLOCKED;
          if (mac.isEmpty()) {
            form.error("mac", "devices.badMac");
          }
          if (note.length() > NOTE_MAX_CHARS) {
            form.error("note", "devices.longNote");
          }
          if (!mac.isEmpty() && parts.stores.deviceLists().isFull(village.id(), mac)) {
            form.error("mac", "devices.full");
          }
          if (!form.ok()) {
            Map<String, String> submitted =
                Map.of(
                    "mac",
                    form.text("mac"),
                    "note",
                    note,
                    "list",
                    kind == DeviceListKind.BYPASS ? "lewati" : "blokir");
            return new Reply.Page(400, "devices", model(village, f, submitted, form.errors()));
          }
          list(village, me, mac, kind, note);
          return new Reply.Redirect(path(village));
        });
  }

  private void list(
      Village village, AdminAccount me, String mac, DeviceListKind kind, String note) {
    Optional<ListedDevice> before = parts.stores.deviceLists().find(village.id(), mac);
    parts
        .stores
        .deviceLists()
        .add(new ListedDevice(village.id(), mac, kind, note, me.username(), parts.clock.instant()));
    parts.audit.record(
        me.username(),
        village.id(),
        kind == DeviceListKind.BLOCKED ? "device.block" : "device.bypass",
        mac,
        before.map(d -> d.kind().name()).orElse(""),
        kind.name() + (note.isEmpty() ? "" : " " + note));
  }

  /** {@code POST /admin/desa/:village/perangkat/hapus} with {@code mac}. */
  void remove(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    String mac = Macs.normalize(SignInPages.value(ctx, "mac"));
    parts.run(
        ctx,
        () -> {
          Optional<ListedDevice> before =
              mac.isEmpty() ? Optional.empty() : parts.stores.deviceLists().find(village.id(), mac);
          if (before.isPresent() && parts.stores.deviceLists().remove(village.id(), mac)) {
            parts.audit.record(
                me.username(), village.id(), "device.unlist", mac, before.get().kind().name(), "");
          }
          return new Reply.Redirect(path(village));
        });
  }

  /**
   * {@code POST /admin/desa/:village/sesi/blokir} with {@code session}: blocks the session's MAC in
   * this village and kicks the session, then shows the session list with the kick's result.
   */
  void blockFromSession(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    String sessionId = SignInPages.value(ctx, "session");
    parts.run(
        ctx,
        () -> {
          Optional<Session> session = parts.stores.sessions().find(sessionId);
          if (session.isEmpty()) {
            return new Reply.Page(
                404, "message", Map.of("message", parts.pages.text(ctx, "kick.unknown")));
          }
          if (!session.get().villageId().equals(village.id())) {
            return new Reply.Page(
                403, "message", Map.of("message", parts.pages.text(ctx, "error.forbidden")));
          }
          String mac = Macs.normalize(session.get().deviceMac());
          if (mac.isEmpty()) {
            return new Reply.Page(
                400, "message", Map.of("message", parts.pages.text(ctx, "devices.noMac")));
          }
          if (parts.stores.deviceLists().isFull(village.id(), mac)) {
            return new Reply.Page(
                409, "message", Map.of("message", parts.pages.text(ctx, "devices.full")));
          }
          list(village, me, mac, DeviceListKind.BLOCKED, session.get().userId());
          return SessionPages.kick(parts, ctx, village, sessionId, me);
        });
  }
}
