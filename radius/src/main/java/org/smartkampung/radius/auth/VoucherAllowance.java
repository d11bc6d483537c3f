package org.smartkampung.radius.auth;

import java.time.Duration;
import java.time.Instant;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.voucher.Voucher;

/**
 * What a voucher allows in total, as the decision needs it. What the voucher has used is the
 * ledger's totals for the voucher's code as user id ({@link
 * org.smartkampung.core.quota.Usage#userTotalBytes()}): vouchers keep no usage of their own.
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
}
