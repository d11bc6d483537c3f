package org.smartkampung.core.voucher;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Vouchers, durable in the configured store. Codes are unique across the regency. */
public interface VoucherStore {

  Optional<Voucher> find(String code);

  /** Stores new vouchers; returns false, storing none of them, if any code already exists. */
  boolean createAll(List<Voucher> vouchers);

  /**
   * Redeems the code for a device, atomically: when two callers race for the last free device slot,
   * exactly one gets {@link RedeemResult#REDEEMED}.
   */
  RedeemResult redeem(String villageId, String code, String deviceId, Instant now);

  /** Marks a voucher fully used (its bytes or minutes ran out). */
  boolean markUsed(String code);

  /** Revokes an unused or in-use voucher; returns false when there is no such voucher. */
  boolean revoke(String code);

  /** The village's vouchers, newest first. */
  List<Voucher> listByVillage(String villageId);
}
