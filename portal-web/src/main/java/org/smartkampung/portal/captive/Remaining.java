package org.smartkampung.portal.captive;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.limits.EffectiveLimits;
import org.smartkampung.core.quota.LimitMath;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStore;

/**
 * What a signed-in villager has left, as the status page and the RFC 8908 API show it: the day's
 * remaining of the villager and the village and, for a voucher, what the voucher itself has left
 * over its validity. All of it is read from the villager's {@link EffectiveLimits}, the same value
 * the RADIUS server decides with.
 *
 * @param userBytes bytes the villager has left today (for a voucher, at most what it has left);
 *     {@link LimitMath#UNLIMITED} for no limit
 * @param villageBytes bytes the whole village has left (today and this month)
 * @param seconds seconds online left (for a voucher, also until it expires); {@link
 *     LimitMath#UNLIMITED} for no limit
 * @param voucher what the voucher itself has left; null when the villager uses none
 */
public record Remaining(long userBytes, long villageBytes, long seconds, VoucherLeft voucher) {

  /**
   * A voucher's own allowance.
   *
   * @param bytes bytes it has left of its total; {@link LimitMath#UNLIMITED} for no limit
   * @param seconds seconds online it has left of its total; {@link LimitMath#UNLIMITED} for none
   * @param expiresAt when it expires
   */
  public record VoucherLeft(long bytes, long seconds, Instant expiresAt) {}

  /** Bytes this villager can still use: their own remaining, as far as the village's goes. */
  public long bytes() {
    return Math.min(userBytes, villageBytes);
  }

  /** What {@code limits} leave against {@code usage}; {@code voucher} is the one they include. */
  public static Remaining of(EffectiveLimits limits, Usage usage, Voucher voucher) {
    EffectiveLimits.Remaining left = limits.remaining(usage);
    return new Remaining(
        left.personalBytes(),
        left.villageBytes(),
        Math.min(left.personalSeconds(), left.voucherSecondsUntilExpiry()),
        voucher == null
            ? null
            : new VoucherLeft(left.voucherBytes(), left.voucherSeconds(), voucher.expiresAt()));
  }

  /**
   * What a villager has left now, or empty when the ledger cannot say.
   *
   * @param userId the villager's user id; a voucher code of {@code village} brings in its voucher
   */
  public static Optional<Remaining> lookup(
      KampungConfig config,
      Village village,
      String userId,
      String deviceId,
      QuotaLedger ledger,
      SubscriberStore subscribers,
      VoucherStore vouchers,
      Clock clock) {
    QuotaResult result = ledger.check(village.id(), userId, deviceId);
    if (!(result instanceof QuotaResult.Ok ok)) {
      return Optional.empty();
    }
    Voucher voucher =
        vouchers.find(userId).filter(v -> v.villageId().equals(village.id())).orElse(null);
    EffectiveLimits limits =
        EffectiveLimits.of(
            EffectiveLimits.policyOf(config, village),
            village,
            subscribers.overrideOf(userId),
            voucher,
            clock);
    return Optional.of(of(limits, ok.usage(), voucher));
  }
}
