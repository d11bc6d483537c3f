package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherBatch;
import org.smartkampung.core.voucher.VoucherCodes;
import org.smartkampung.portal.page.Formats;

/** Voucher batches: create, list with status, revoke, and the printable A4 sheet. */
final class VoucherPages {

  private static final int LISTED = 300;

  /** The longest SSID Wi-Fi allows is 32 bytes; names here are plain text. */
  static final int MAX_SSID_CHARS = 32;

  static final int QR_MILLIMETRES = 22;

  private final AdminParts parts;

  VoucherPages(AdminParts parts) {
    this.parts = parts;
  }

  /** {@code GET /admin/desa/:village/voucher}. */
  void list(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    Formats f = parts.formats(ctx);
    parts.run(ctx, () -> Reply.page("vouchers", model(village, f, defaults(), Map.of())));
  }

  /** {@code POST /admin/desa/:village/voucher}: a new batch, then its print sheet. */
  void create(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    Formats f = parts.formats(ctx);
    AdminAccount me = AdminParts.account(ctx);
    FormFields form = parts.form(ctx);
    long count = form.requiredLong("count", 1, VoucherBatch.MAX_COUNT);
    long days = form.requiredLong("validityDays", 1, 366);
    long megabytes = form.requiredLong("megabytes", 0, 10_000_000);
    long minutes = form.requiredLong("minutes", 0, 60 * 24 * 366);
    long devices = form.requiredLong("maxDevices", 1, 10);
    String wifiName = form.text("wifiName");
    if (wifiName.length() > MAX_SSID_CHARS || wifiName.chars().anyMatch(Character::isISOControl)) {
      form.error("wifiName", "vouchers.badWifiName");
    }
    if (!form.ok()) {
      Map<String, String> submitted = new HashMap<>();
      for (String field :
          List.of("count", "validityDays", "megabytes", "minutes", "maxDevices", "wifiName")) {
        submitted.put(field, form.text(field));
      }
      parts.run(ctx, () -> withStatus(400, model(village, f, submitted, form.errors())));
      return;
    }
    VoucherBatch batch =
        new VoucherBatch(village.id(), (int) count, (int) days, megabytes, minutes, (int) devices);
    parts.run(
        ctx,
        () -> {
          rememberWifiName(village, wifiName, me);
          List<Voucher> made = parts.voucherBatches.create(batch);
          parts.audit.record(
              me.username(),
              village.id(),
              "voucher.create",
              made.get(0).batchId(),
              "",
              made.size()
                  + " voucher, "
                  + days
                  + " hari, "
                  + megabytes
                  + " MB, "
                  + minutes
                  + " menit");
          return new Reply.Redirect(
              AdminRoutes.villagePath(village.id())
                  + "/voucher/cetak?batch="
                  + made.get(0).batchId());
        });
  }

  /** {@code POST /admin/desa/:village/voucher/cabut}: revokes a code of this village only. */
  void revoke(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    String code = VoucherCodes.normalize(ctx.request().getFormAttribute("code"));
    parts.run(
        ctx,
        () -> {
          if (revoke(village, code, me).isEmpty()) {
            return new Reply.Page(
                404, "message", Map.of("message", parts.pages.text(ctx, "voucher.unknown")));
          }
          return new Reply.Redirect(AdminRoutes.villagePath(village.id()) + "/voucher");
        });
  }

  /**
   * Revokes a code of this village, audited (blocking).
   *
   * @param code normalized
   * @return the voucher as it was before; empty for a code unknown or of another village
   */
  Optional<Voucher> revoke(Village village, String code, AdminAccount me) {
    Optional<Voucher> voucher = parts.stores.vouchers().find(code);
    if (voucher.isEmpty() || !voucher.get().villageId().equals(village.id())) {
      return Optional.empty();
    }
    parts.stores.vouchers().revoke(code);
    parts.audit.record(
        me.username(),
        village.id(),
        "voucher.revoke",
        code,
        voucher.get().status().name(),
        "REVOKED");
    return voucher;
  }

  /** {@code GET /admin/desa/:village/voucher/cetak?batch=}: the A4 sheet of one batch. */
  void print(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    Formats f = parts.formats(ctx);
    String batchId = ctx.request().getParam("batch", "");
    parts.run(
        ctx,
        () -> {
          List<Map<String, String>> cards =
              parts.stores.vouchers().listByVillage(village.id()).stream()
                  .filter(v -> batchId.equals(v.batchId()))
                  .map(v -> row(v, village, f))
                  .toList();
          String wifiName = parts.admin.landingContent().find(village.id()).wifiName();
          String portalUrl = parts.live.base().portal().publicUrl();
          Map<String, Object> model = new HashMap<>();
          model.put("village", VillagePages.view(village));
          model.put("cards", cards);
          model.put("portalUrl", portalUrl);
          model.put("wifiName", wifiName);
          // One code for the whole sheet: join the Wi-Fi, or open the portal when no name is set.
          model.put(
              "qr",
              VoucherQr.svg(
                  wifiName.isEmpty() ? portalUrl : VoucherQr.wifiJoin(wifiName), QR_MILLIMETRES));
          return Reply.page("voucher-print", model);
        });
  }

  /** The SSID printed on cards, kept per village once typed; audited when it changes. */
  private void rememberWifiName(Village village, String wifiName, AdminAccount me) {
    var content = parts.admin.landingContent().find(village.id());
    if (!wifiName.isEmpty() && !wifiName.equals(content.wifiName())) {
      parts.admin.landingContent().put(content.withWifiName(wifiName));
      parts.audit.record(
          me.username(),
          village.id(),
          "voucher.wifiName",
          village.id(),
          content.wifiName(),
          wifiName);
    }
  }

  private Reply withStatus(int status, Map<String, Object> model) {
    return new Reply.Page(status, "vouchers", model);
  }

  private Map<String, Object> model(
      Village village, Formats f, Map<String, String> values, Map<String, String> errors) {
    Map<String, Object> model = new HashMap<>();
    model.put("village", VillagePages.view(village));
    Map<String, String> shown = new HashMap<>(values);
    shown.putIfAbsent("wifiName", parts.admin.landingContent().find(village.id()).wifiName());
    model.put("v", shown);
    model.put("errors", errors);
    model.put(
        "vouchers",
        parts.stores.vouchers().listByVillage(village.id()).stream()
            .limit(LISTED)
            .map(v -> row(v, village, f))
            .toList());
    return model;
  }

  private Map<String, String> row(Voucher v, Village village, Formats f) {
    ZoneId zone = village.timeZone();
    Map<String, String> row = new HashMap<>();
    row.put("code", v.code());
    row.put("printed", VoucherCodes.format(v.code()));
    row.put("status", v.statusAt(parts.clock.instant()).name());
    row.put("expires", f.dateTime(v.expiresAt().atZone(zone)));
    row.put("bytes", v.bytesLimit() == Long.MAX_VALUE ? "-" : f.bytes(v.bytesLimit()));
    row.put("minutes", v.minutesLimit() == 0 ? "-" : f.whole(v.minutesLimit()));
    row.put("devices", Integer.toString(v.maxDevices()));
    row.put("expiresDate", f.date(v.expiresAt().atZone(zone).toLocalDate()));
    row.put("batch", v.batchId() == null ? "" : v.batchId());
    return row;
  }

  private static Map<String, String> defaults() {
    return Map.of(
        "count",
        "20",
        "validityDays",
        "30",
        "megabytes",
        "1000",
        "minutes",
        "0",
        "maxDevices",
        "1");
  }
}
