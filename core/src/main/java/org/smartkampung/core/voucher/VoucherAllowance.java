package org.smartkampung.core.voucher;

import java.time.Duration;
import java.time.Instant;
import org.smartkampung.core.quota.LimitMath;
import org.smartkampung.core.quota.Usage;

/**
 * What a voucher allows in total. What the voucher has used is the ledger's totals for the
 * voucher's code as user id ({@link Usage#userTotalBytes()}): vouchers keep no usage of their own.
 * {@code org.smartkampung.core.limits.EffectiveLimits} takes it into every decision.
 *
 * @param bytesLimit bytes (in plus out) the voucher allows; {@link LimitMath#UNLIMITED} for no
 *     limit
 * @param secondsLimit seconds online the voucher allows; {@link LimitMath#UNLIMITED} for no limit
 * @param secondsUntilExpiry seconds from the request until the voucher expires; 0 when it has
 */
public record VoucherAllowance(long bytesLimit, long secondsLimit, long secondsUntilExpiry) {

  /** The allowance of {@code voucher} for a request at {@code now}. */
  public static VoucherAllowance of(Voucher voucher, Instant now) {
    long seconds =
        voucher.minutesLimit() <= 0
            ? LimitMath.UNLIMITED
            : LimitMath.minutes(voucher.minutesLimit());
    long untilExpiry = Math.max(0, Duration.between(now, voucher.expiresAt()).toSeconds());
    return new VoucherAllowance(Math.max(0, voucher.bytesLimit()), seconds, untilExpiry);
  }

  /**
   * Bytes the voucher still allows after its code's totals; {@link LimitMath#UNLIMITED} for none.
   */
  public long bytesLeft(Usage usage) {
    return LimitMath.left(bytesLimit, usage.userTotalBytes());
  }

  /**
   * Seconds online the voucher still allows after its code's totals; {@link LimitMath#UNLIMITED}
   * for none. Its expiry is apart: {@link #secondsUntilExpiry()}.
   */
  public long secondsLeft(Usage usage) {
    return LimitMath.left(secondsLimit, usage.userTotalSeconds());
  }
}
