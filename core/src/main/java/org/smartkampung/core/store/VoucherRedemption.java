package org.smartkampung.core.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.smartkampung.core.voucher.RedeemResult;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;

/**
 * The redeem rule as a pure function, for the embedded store; the Redis store's Lua script follows
 * the same steps and the shared contract test holds both to it.
 *
 * @param result the answer to the caller
 * @param changed the voucher to store, or null when nothing changes
 */
record VoucherRedemption(RedeemResult result, Voucher changed) {

  /** Newest first; the code breaks ties so the order is stable. */
  static final Comparator<Voucher> NEWEST_FIRST =
      Comparator.comparing(Voucher::createdAt).reversed().thenComparing(Voucher::code);

  static VoucherRedemption decide(Voucher v, String villageId, String deviceId, Instant now) {
    if (v == null || !v.villageId().equals(villageId)) {
      return answer(RedeemResult.UNKNOWN);
    }
    if (v.status() == VoucherStatus.REVOKED) {
      return answer(RedeemResult.REVOKED);
    }
    if (v.status() == VoucherStatus.EXPIRED || !now.isBefore(v.expiresAt())) {
      return answer(RedeemResult.EXPIRED);
    }
    if (v.status() == VoucherStatus.USED) {
      return answer(RedeemResult.USED);
    }
    List<String> devices = devices(v.devices());
    if (devices.contains(deviceId)) {
      return answer(RedeemResult.ALREADY_YOURS);
    }
    if (devices.size() >= v.maxDevices()) {
      return answer(RedeemResult.USED);
    }
    devices.add(deviceId);
    Voucher redeemed =
        new Voucher(
            v.code(),
            v.villageId(),
            v.batchId(),
            v.createdAt(),
            v.expiresAt(),
            v.bytesLimit(),
            v.minutesLimit(),
            v.maxDevices(),
            VoucherStatus.IN_USE,
            v.firstUsedAt() == null ? now : v.firstUsedAt(),
            String.join(",", devices));
    return new VoucherRedemption(RedeemResult.REDEEMED, redeemed);
  }

  /** Device ids are stored comma separated, so a comma in one would forge a second device. */
  static void checkDeviceId(String deviceId) {
    if (deviceId == null || deviceId.isEmpty() || deviceId.indexOf(',') >= 0) {
      throw new IllegalArgumentException("deviceId must be non-empty and without commas");
    }
  }

  private static List<String> devices(String joined) {
    if (joined == null || joined.isEmpty()) {
      return new ArrayList<>();
    }
    return new ArrayList<>(Arrays.asList(joined.split(",")));
  }

  private static VoucherRedemption answer(RedeemResult result) {
    return new VoucherRedemption(result, null);
  }
}
