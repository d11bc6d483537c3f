package org.smartkampung.core.voucher;

/** The answer to redeeming a voucher code on a device. */
public enum RedeemResult {
  /** First use: the voucher is now in use, bound to this device. */
  REDEEMED,
  /** The device already holds this voucher (re-login). */
  ALREADY_YOURS,
  /** No voucher with that code in that village. */
  UNKNOWN,
  /** Every allowed device already holds it, or it is used up. */
  USED,
  EXPIRED,
  REVOKED
}
