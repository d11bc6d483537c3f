package org.smartkampung.portal.captive;

import java.time.Instant;
import java.util.Optional;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherAllowance;

/**
 * What a signed-in villager has left, as the status page and the RFC 8908 API show it: the day's
 * remaining of the villager and the village and, for a voucher, what the voucher itself has left
 * over its validity (the same rule the RADIUS server applies to the Access-Accept).
 *
 * @param userBytes bytes the villager has left today (for a voucher, at most what it has left);
 *     {@link Limits#UNLIMITED} for no limit
 * @param villageBytes bytes the whole village has left (today and this month)
 * @param seconds seconds online left; {@link Limits#UNLIMITED} for no limit
 */
public record Remaining(long userBytes, long villageBytes, long seconds) {

  /** Bytes this villager can still use: their own remaining, as far as the village's goes. */
  public long bytes() {
    return Math.min(userBytes, villageBytes);
  }

  /**
   * @param voucher the voucher whose code is the villager's user id, if it is one
   */
  public static Remaining of(Usage usage, Optional<Voucher> voucher, Instant now) {
    long bytes = usage.userBytesRemaining();
    long seconds = usage.userSecondsRemaining();
    if (voucher.isPresent()) {
      VoucherAllowance allowance = VoucherAllowance.of(voucher.get(), now);
      bytes = Math.min(bytes, allowance.bytesLeft(usage));
      seconds =
          Math.min(seconds, Math.min(allowance.secondsLeft(usage), allowance.secondsUntilExpiry()));
    }
    return new Remaining(bytes, usage.villageBytesRemaining(), seconds);
  }
}
