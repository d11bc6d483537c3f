package org.smartkampung.portal.admin.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherBatch;
import org.smartkampung.core.voucher.VoucherBatches;
import org.smartkampung.core.voucher.VoucherStore;

/**
 * Vouchers of a village: a new batch (and the Wi-Fi name printed on its cards), and revoking one
 * code. The one place that audits them, for the console and the JSON API alike. Blocking.
 */
public final class VoucherService {

  /** The longest SSID Wi-Fi allows is 32 bytes; names here are plain text. */
  public static final int MAX_SSID_CHARS = 32;

  /**
   * A new batch of vouchers.
   *
   * @param batch what each voucher allows, and how many
   * @param wifiName the SSID to print on the cards and remember for the village; "" keeps the
   *     remembered one
   * @param actor the admin's username
   */
  public record CreateBatch(VoucherBatch batch, String wifiName, String actor) {
    public CreateBatch {
      wifiName = wifiName == null ? "" : wifiName.trim();
    }
  }

  /**
   * Revokes one code.
   *
   * @param code normalized ({@link org.smartkampung.core.voucher.VoucherCodes#normalize})
   */
  public record Revoke(String villageId, String code, String actor) {}

  private final VoucherStore vouchers;
  private final VoucherBatches batches;
  private final AdminStores admin;
  private final Audit audit;

  public VoucherService(
      VoucherStore vouchers, VoucherBatches batches, AdminStores admin, Audit audit) {
    this.vouchers = vouchers;
    this.batches = batches;
    this.admin = admin;
    this.audit = audit;
  }

  /**
   * Makes the batch, audited once as {@code voucher.create} with what each voucher allows.
   *
   * @return the vouchers made; {@link AdminError.Invalid} with {@code form.range} per field out of
   *     bounds, or {@code vouchers.badWifiName}
   */
  public Outcome<List<Voucher>> create(CreateBatch command) {
    VoucherBatch b = command.batch();
    Map<String, String> problems = new java.util.LinkedHashMap<>();
    b.problems().forEach((field, code) -> problems.put(field, "form.range"));
    String wifiName = command.wifiName();
    if (wifiName.length() > MAX_SSID_CHARS || wifiName.chars().anyMatch(Character::isISOControl)) {
      problems.put("wifiName", "vouchers.badWifiName");
    }
    if (!problems.isEmpty()) {
      return Outcome.refused(new AdminError.Invalid(problems));
    }
    rememberWifiName(b.villageId(), wifiName, command.actor());
    List<Voucher> made = batches.create(b);
    audit.record(
        command.actor(),
        b.villageId(),
        "voucher.create",
        made.get(0).batchId(),
        "",
        made.size()
            + " voucher, "
            + b.validityDays()
            + " hari, "
            + b.megabytes()
            + " MB, "
            + b.minutes()
            + " menit, "
            + b.maxDevices()
            + " perangkat");
    return Outcome.done(made);
  }

  /**
   * Revokes a code of the village, audited as {@code voucher.revoke}.
   *
   * @return the voucher as it was before; {@link AdminError.NotFound} for a code unknown or of
   *     another village (the two look alike, so codes of other villages cannot be probed)
   */
  public Outcome<Voucher> revoke(Revoke command) {
    Optional<Voucher> voucher = vouchers.find(command.code());
    if (voucher.isEmpty() || !voucher.get().villageId().equals(command.villageId())) {
      return Outcome.refused(new AdminError.NotFound());
    }
    vouchers.revoke(command.code());
    audit.record(
        command.actor(),
        command.villageId(),
        "voucher.revoke",
        command.code(),
        voucher.get().status().name(),
        "REVOKED");
    return Outcome.done(voucher.get());
  }

  /** The SSID printed on cards, kept per village once typed; audited when it changes. */
  private void rememberWifiName(String villageId, String wifiName, String actor) {
    var content = admin.landingContent().find(villageId);
    if (!wifiName.isEmpty() && !wifiName.equals(content.wifiName())) {
      admin.landingContent().put(content.withWifiName(wifiName));
      audit.record(actor, villageId, "voucher.wifiName", villageId, content.wifiName(), wifiName);
    }
  }
}
