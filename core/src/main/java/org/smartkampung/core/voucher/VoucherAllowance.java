package org.smartkampung.core.voucher;

import java.time.Duration;
import java.time.Instant;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.Usage;

/**
 * What a voucher allows in total. What the voucher has used is the ledger's totals for the
 * voucher's code as user id ({@link Usage#userTotalBytes()}): vouchers keep no usage of their own.
 * The RADIUS decision and the villager's status page both read what is left from here.
 *
 * @param bytesLimit bytes (in plus out) the voucher allows; {@link Limits#UNLIMITED} for no limit
 * @param secondsLimit seconds online the voucher allows; {@link Limits#UNLIMITED} for no limit
 * @param secondsUntilExpiry seconds from the request until the voucher expires; 0 when it has
 */
public record VoucherAllowance(long bytesLimit, long secondsLimit, long secondsUntilExpiry) {

  /** The allowance of {@code voucher} for a request at {@code now}. */
  public static VoucherAllowance of(Voucher voucher, Instant now) {
    long seconds =
        voucher.minutesLimit() <= 0
            ? Limits.UNLIMITED
            : Math.multiplyExact(voucher.minutesLimit(), 60L);
    long untilExpiry = Math.max(0, Duration.between(now, voucher.expiresAt()).toSeconds());
    return new VoucherAllowance(voucher.bytesLimit(), seconds, untilExpiry);
  }

  /** Bytes the voucher still allows after its code's totals; {@link Limits#UNLIMITED} for none. */
  public long bytesLeft(Usage usage) {
    return left(bytesLimit, usage.userTotalBytes());
  }

  /**
   * Seconds online the voucher still allows after its code's totals; {@link Limits#UNLIMITED} for
   * none. Its expiry is apart: {@link #secondsUntilExpiry()}.
   */
  public long secondsLeft(Usage usage) {
    return left(secondsLimit, usage.userTotalSeconds());
  }

  private static long left(long limit, long used) {
    return limit == Limits.UNLIMITED ? Limits.UNLIMITED : Math.max(0, limit - used);
  }
}
