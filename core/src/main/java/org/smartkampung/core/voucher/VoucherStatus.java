package org.smartkampung.core.voucher;

/** Where a voucher is in its life. */
public enum VoucherStatus {
  UNUSED,
  IN_USE,
  USED,
  EXPIRED,
  REVOKED
}
