package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherBatch;
import org.smartkampung.core.voucher.VoucherCodes;
import org.smartkampung.portal.admin.service.AdminError;
import org.smartkampung.portal.admin.service.Outcome;
import org.smartkampung.portal.admin.service.VoucherService;
import org.smartkampung.portal.page.Formats;

/** Voucher batches: create, list with status, revoke, and the printable A4 sheet. */
final class VoucherPages {

  private static final int LISTED = 300;

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
    VoucherService.CreateBatch command =
        new VoucherService.CreateBatch(batch(form, village), form.text("wifiName"), me.username());
    parts.run(
        ctx,
        () -> {
          Outcome<List<Voucher>> made =
              form.ok()
                  ? parts.services.vouchers().create(command)
                  : Outcome.refused(new AdminError.Invalid(Map.of()));
          if (made instanceof Outcome.Refused<List<Voucher>> refused) {
            Refusals.into(form, refused.error());
            Map<String, String> submitted = new HashMap<>();
            for (String field :
                List.of(
                    "count", "validityDays", "megabytes", "minutes", "maxDevices", "wifiName")) {
              submitted.put(field, form.text(field));
            }
            return withStatus(400, model(village, f, submitted, form.errors()));
          }
          String batchId = ((Outcome.Done<List<Voucher>>) made).value().get(0).batchId();
          return new Reply.Redirect(
              AdminRoutes.villagePath(village.id()) + "/voucher/cetak?batch=" + batchId);
        });
  }

  /** The batch the form or API body asks for; range errors go into {@code form}. */
  static VoucherBatch batch(FormFields form, Village village) {
    return new VoucherBatch(
        village.id(),
        (int) form.requiredLong("count", 1, VoucherBatch.MAX_COUNT),
        (int) form.requiredLong("validityDays", 1, 366),
        form.requiredLong("megabytes", 0, 10_000_000),
        form.requiredLong("minutes", 0, 60 * 24 * 366),
        (int) form.requiredLong("maxDevices", 1, 10));
  }

  /** {@code POST /admin/desa/:village/voucher/cabut}: revokes a code of this village only. */
  void revoke(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    AdminAccount me = AdminParts.account(ctx);
    String code = VoucherCodes.normalize(ctx.request().getFormAttribute("code"));
    parts.run(
        ctx,
        () ->
            parts
                .services
                .vouchers()
                .revoke(new VoucherService.Revoke(village.id(), code, me.username()))
                .fold(
                    v -> new Reply.Redirect(AdminRoutes.villagePath(village.id()) + "/voucher"),
                    e -> Refusals.page(parts, ctx, e, "voucher.unknown")));
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
