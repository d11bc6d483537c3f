package org.smartkampung.portal.login;

import java.time.Clock;
import java.time.LocalTime;
import java.util.Optional;
import java.util.function.Supplier;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.limits.EffectiveLimits;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.village.Village;

/**
 * Decides, before a login token is minted, whether the NAS login could succeed, so the villager
 * sees the right explanation page instead of a failing NAS login. RADIUS makes the same checks
 * again; this is for the villager's benefit, not the enforcement.
 */
public final class Admission {

  private final Supplier<KampungConfig> live;
  private final QuotaLedger ledger;
  private final SubscriberStore subscribers;
  private final Clock clock;

  /**
   * @param live the configuration in force, read at every decision (a console edit of a village's
   *     hours or quota applies to the next login)
   * @param subscribers where each villager's quota override is read (a cache is fine)
   */
  public Admission(
      Supplier<KampungConfig> live, QuotaLedger ledger, SubscriberStore subscribers, Clock clock) {
    this.live = live;
    this.ledger = ledger;
    this.subscribers = subscribers;
    this.clock = clock;
  }

  /** Whether the village's hotspots serve villagers at this moment. */
  public Optional<Explanation> openingHours(Village village) {
    OpeningHours hours = openingHoursOf(village);
    LocalTime now = LocalTime.now(clock.withZone(village.timeZone()));
    return hours.isOpen(now) ? Optional.empty() : Optional.of(Explanation.OUTSIDE_OPENING_HOURS);
  }

  /** The village's opening hours; always open when it names no policy. */
  public OpeningHours openingHoursOf(Village village) {
    return live.get()
        .policy(village.policy() == null ? "" : village.policy())
        .map(QuotaPolicy::openingHours)
        .orElse(OpeningHours.ALWAYS);
  }

  /** The quota verdict for this villager on this device. */
  public Optional<Explanation> quota(Village village, String userId, String deviceId) {
    QuotaResult result = ledger.check(village.id(), userId, deviceId);
    if (!(result instanceof QuotaResult.Ok ok)) {
      return Optional.of(Explanation.SERVICE_UNAVAILABLE);
    }
    Usage usage = ok.usage();
    EffectiveLimits limits =
        EffectiveLimits.of(
            EffectiveLimits.policyOf(live.get(), village),
            village,
            subscribers.overrideOf(userId),
            null,
            clock);
    EffectiveLimits.Remaining left = limits.remaining(usage);
    if (left.villageBytes() == 0) {
      return Optional.of(Explanation.VILLAGE_QUOTA_SPENT);
    }
    if (left.userBytes() == 0 || left.userSeconds() == 0) {
      return Optional.of(Explanation.USER_QUOTA_SPENT);
    }
    // check() counts the villager's other devices online, so this one may join below the limit.
    if (usage.userDevices() >= limits.maxDevices()) {
      return Optional.of(Explanation.TOO_MANY_DEVICES);
    }
    return Optional.empty();
  }
}
