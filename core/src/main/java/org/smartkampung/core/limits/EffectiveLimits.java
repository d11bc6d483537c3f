package org.smartkampung.core.limits;

import java.time.Clock;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.quota.LimitMath;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherAllowance;

/**
 * Everything that limits one villager's session, worked out once from the village policy, the
 * package the village bought, the subscriber's override, the voucher, the opening hours and the
 * clock. Against the ledger's counters ({@link Usage}, which carry no limits) it says what is left
 * ({@link #remaining}) and whether the session may go on ({@link #refusal}). The login decision,
 * the CoA after an admin edit, the Interim-Update check, the villager's status page and the RFC
 * 8908 API all read it, so they cannot disagree. Units and overflow are {@link LimitMath}'s.
 *
 * @param standing the policy's limits with the override laid over the user limits
 * @param voucher what the session's voucher allows in total; null when it uses none
 * @param openingHours when the hotspots serve villagers
 * @param localTime wall-clock time in the village when these limits were worked out
 * @param sessionTimeoutSeconds the policy's longest single session
 * @param idleTimeoutSeconds the policy's idle timeout
 * @param interimIntervalSeconds the policy's Interim-Update interval
 * @param downBitsPerSecond download rate, the smaller of the user's and the village link's; 0 for
 *     none
 * @param upBitsPerSecond upload rate likewise; 0 for none
 */
public record EffectiveLimits(
    Limits standing,
    VoucherAllowance voucher,
    OpeningHours openingHours,
    LocalTime localTime,
    long sessionTimeoutSeconds,
    long idleTimeoutSeconds,
    long interimIntervalSeconds,
    long downBitsPerSecond,
    long upBitsPerSecond) {

  public static final long UNLIMITED = LimitMath.UNLIMITED;

  /** Why a session may not start or go on, in the order they are checked. */
  public enum Refusal {
    OUTSIDE_OPENING_HOURS,
    VILLAGE_QUOTA_SPENT,
    VOUCHER_EXPIRED,
    VOUCHER_SPENT,
    USER_QUOTA_SPENT,
    TOO_MANY_DEVICES
  }

  /**
   * What is left against a usage.
   *
   * @param userBytes bytes the villager has left today (policy or override)
   * @param userSeconds seconds online the villager has left today
   * @param villageBytes bytes the village has left, today and this month
   * @param voucherBytes bytes the voucher has left of its total; {@link #UNLIMITED} without one
   * @param voucherSeconds seconds online the voucher has left of its total
   * @param voucherSecondsUntilExpiry seconds until the voucher expires
   * @param secondsUntilClose seconds until the hotspots close
   */
  public record Remaining(
      long userBytes,
      long userSeconds,
      long villageBytes,
      long voucherBytes,
      long voucherSeconds,
      long voucherSecondsUntilExpiry,
      long secondsUntilClose) {

    /** Bytes the session may still use: the smallest of the villager's, voucher's and village's. */
    public long bytes() {
      return LimitMath.min(userBytes, voucherBytes, villageBytes);
    }

    /** Bytes the villager (and their voucher) may still use, whatever the village has left. */
    public long personalBytes() {
      return Math.min(userBytes, voucherBytes);
    }

    /** Seconds online the villager (and their voucher) may still use. */
    public long personalSeconds() {
      return Math.min(userSeconds, voucherSeconds);
    }
  }

  public EffectiveLimits {
    Objects.requireNonNull(standing, "standing");
    Objects.requireNonNull(openingHours, "openingHours");
    Objects.requireNonNull(localTime, "localTime");
  }

  /**
   * The limits of a villager.
   *
   * @param policy the village's policy
   * @param bought what the village bought; null when unknown
   * @param override the subscriber's override; null for none
   * @param voucher the session's voucher allowance at the moment of {@code localTime}; null for
   *     none
   * @param localTime wall-clock time now in the village's time zone
   */
  public static EffectiveLimits of(
      QuotaPolicy policy,
      BandwidthPackage bought,
      QuotaOverride override,
      VoucherAllowance voucher,
      LocalTime localTime) {
    Long downKbps =
        pick(override == null ? null : override.userRateDownKbps(), policy.userRateDownKbps());
    Long upKbps =
        pick(override == null ? null : override.userRateUpKbps(), policy.userRateUpKbps());
    return new EffectiveLimits(
        standing(policy, bought, override),
        voucher,
        policy.openingHours(),
        localTime,
        Math.max(0, policy.sessionTimeoutSeconds()),
        Math.max(0, policy.idleTimeoutSeconds()),
        Math.max(0, policy.interimIntervalSeconds()),
        rate(downKbps, bought == null ? 0 : bought.downlinkMbps()),
        rate(upKbps, bought == null ? 0 : bought.uplinkMbps()));
  }

  /** The limits of a villager in {@code village} now, by {@code clock} in the village's zone. */
  public static EffectiveLimits of(
      QuotaPolicy policy, Village village, QuotaOverride override, Voucher voucher, Clock clock) {
    return of(
        policy,
        village.bandwidthPackage(),
        override,
        voucher == null ? null : VoucherAllowance.of(voucher, clock.instant()),
        LocalTime.ofInstant(clock.instant(), village.timeZone()));
  }

  /**
   * The standing limits (no voucher, no clock) of a policy, a package and an override: GB and MB
   * are decimal, the village's monthly volume is the policy's or else the package's, and an
   * override field that is set replaces the policy's user limit, larger or smaller.
   */
  public static Limits standing(
      QuotaPolicy policy, BandwidthPackage bought, QuotaOverride override) {
    long monthly =
        policy.villageMonthlyGb() != null
            ? LimitMath.gigabytes(policy.villageMonthlyGb())
            : bought == null ? UNLIMITED : bought.monthlyBytes();
    Long userMb = pick(override == null ? null : override.userDailyMb(), policy.userDailyMb());
    Long userMinutes =
        pick(override == null ? null : override.userDailyMinutes(), policy.userDailyMinutes());
    Integer devices =
        pick(override == null ? null : override.maxDevices(), policy.maxDevicesPerUser());
    return new Limits(
        LimitMath.gigabytes(policy.villageDailyGb()),
        monthly,
        LimitMath.megabytes(userMb),
        LimitMath.minutes(userMinutes),
        devices == null ? Integer.MAX_VALUE : Math.max(0, devices));
  }

  /**
   * The standing limits of a village in a configuration without any override; {@link Limits#NONE}
   * for a village the configuration does not know.
   */
  public static Limits standing(KampungConfig config, String villageId) {
    return config.villages().stream()
        .filter(v -> v.id().equals(villageId))
        .findFirst()
        .map(v -> standing(policyOf(config, v), v.bandwidthPackage(), null))
        .orElse(Limits.NONE);
  }

  /** The policy a village names, or no limits when it names none or one that does not exist. */
  public static QuotaPolicy policyOf(KampungConfig config, Village village) {
    return village.policy() == null
        ? QuotaPolicy.unlimited("none")
        : config.policy(village.policy()).orElse(QuotaPolicy.unlimited(village.policy()));
  }

  /** What is left against {@code usage}. */
  public Remaining remaining(Usage usage) {
    return new Remaining(
        standing.userBytesLeft(usage),
        standing.userSecondsLeft(usage),
        standing.villageBytesLeft(usage),
        voucher == null ? UNLIMITED : voucher.bytesLeft(usage),
        voucher == null ? UNLIMITED : voucher.secondsLeft(usage),
        voucher == null ? UNLIMITED : voucher.secondsUntilExpiry(),
        openingHours.secondsUntilClose(localTime));
  }

  /**
   * Why a session may not start (or go on) against {@code usage}, or empty when it may. Devices are
   * counted only when asked: a running session's own device is online already.
   */
  public Optional<Refusal> refusal(Usage usage, boolean countDevices) {
    if (!openingHours.isOpen(localTime)) {
      return Optional.of(Refusal.OUTSIDE_OPENING_HOURS);
    }
    Remaining left = remaining(usage);
    if (left.villageBytes() == 0) {
      return Optional.of(Refusal.VILLAGE_QUOTA_SPENT);
    }
    if (voucher != null) {
      if (left.voucherSecondsUntilExpiry() == 0) {
        return Optional.of(Refusal.VOUCHER_EXPIRED);
      }
      if (left.voucherBytes() == 0 || left.voucherSeconds() == 0) {
        return Optional.of(Refusal.VOUCHER_SPENT);
      }
    }
    if (left.userBytes() == 0 || left.userSeconds() == 0) {
      return Optional.of(Refusal.USER_QUOTA_SPENT);
    }
    if (countDevices && usage.userDevices() >= standing.maxDevices()) {
      return Optional.of(Refusal.TOO_MANY_DEVICES);
    }
    return Optional.empty();
  }

  /**
   * The Session-Timeout for a session starting now: the policy's cap, the villager's and voucher's
   * seconds, the voucher's expiry and closing time, whichever comes first.
   */
  public long sessionTimeoutSeconds(Usage usage) {
    Remaining left = remaining(usage);
    return LimitMath.min(
        sessionTimeoutSeconds,
        left.personalSeconds(),
        left.voucherSecondsUntilExpiry(),
        left.secondsUntilClose());
  }

  /** Devices the villager may have online at once; {@link Integer#MAX_VALUE} for no limit. */
  public int maxDevices() {
    return standing.maxDevices();
  }

  /**
   * The smaller of a per-user rate (kbit/s) and the village's link (Mbit/s), in bits/s; 0 = none.
   */
  private static long rate(Long userKbps, int villageMbps) {
    long bits = Math.min(LimitMath.kbps(userKbps), LimitMath.mbps(villageMbps));
    return bits == UNLIMITED ? 0 : bits;
  }

  private static <T> T pick(T override, T policy) {
    return override != null ? override : policy;
  }
}
