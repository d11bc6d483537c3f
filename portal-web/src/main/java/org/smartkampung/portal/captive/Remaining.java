package org.smartkampung.portal.captive;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.voucher.Voucher;

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
      Voucher v = voucher.get();
      if (v.bytesLimit() != Limits.UNLIMITED) {
        bytes = Math.min(bytes, Math.max(0, v.bytesLimit() - usage.userTotalBytes()));
      }
      if (v.minutesLimit() > 0) {
        seconds = Math.min(seconds, Math.max(0, v.minutesLimit() * 60 - usage.userTotalSeconds()));
      }
      seconds = Math.min(seconds, Math.max(0, Duration.between(now, v.expiresAt()).toSeconds()));
    }
    return new Remaining(bytes, usage.villageBytesRemaining(), seconds);
  }
}
