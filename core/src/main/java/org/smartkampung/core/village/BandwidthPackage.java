package org.smartkampung.core.village;

import org.smartkampung.core.quota.LimitMath;

/**
 * The bandwidth a village bought from its budget (APBDes) for one budget year.
 *
 * @param downlinkMbps committed downlink rate in megabits per second
 * @param uplinkMbps committed uplink rate in megabits per second
 * @param monthlyGb monthly data volume in gigabytes (10^9 bytes); 0 means not metered
 * @param budgetYear the budget year the package was bought for, for example 2026
 * @param budgetRupiah the amount budgeted for it, in Rupiah
 */
public record BandwidthPackage(
    int downlinkMbps, int uplinkMbps, long monthlyGb, int budgetYear, long budgetRupiah) {

  /** Bytes in one gigabyte as package sellers count them (decimal). */
  public static final long BYTES_PER_GB = LimitMath.BYTES_PER_GB;

  /** Monthly volume in bytes, or {@link Long#MAX_VALUE} when the package is not metered. */
  public long monthlyBytes() {
    return monthlyGb <= 0 ? Long.MAX_VALUE : LimitMath.times(monthlyGb, BYTES_PER_GB);
  }
}
