package org.smartkampung.radius.auth;

import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.voucher.VoucherAllowance;

/**
 * The authorize section as one pure function: from the request's facts, the village's policy and
 * the ledger's usage to accept-with-limits or reject-with-reason. No I/O, no clock; tests call it
 * directly.
 *
 * <p>Order of checks: credentials, opening hours, village quota, voucher allowance, user quota
 * (bytes, then minutes), devices. Each accepted limit is the minimum of what the user has left (for
 * a voucher also what the voucher has left), what the village has left and the policy's cap.
 *
 * <p>A voucher's used bytes and seconds are the ledger's totals for its code as user id ({@link
 * Usage#userTotalBytes()}, over every day of its validity), so its allowance holds once, not per
 * day.
 */
public final class Authorization {

  private static final long BYTES_PER_MB = 1_000_000L;
  private static final long BYTES_PER_GB = 1_000_000_000L;
  private static final long UNLIMITED = Limits.UNLIMITED;

  private Authorization() {}

  /**
   * Decides an Access-Request.
   *
   * @param usage the ledger's answer; may be null only when the credentials were not valid
   */
  public static AuthDecision decide(AuthFacts facts, QuotaPolicy policy, Usage usage) {
    switch (facts.credential()) {
      case BAD_CREDENTIALS -> {
        return reject(RejectReason.BAD_CREDENTIALS, "");
      }
      case VOUCHER_USED -> {
        return reject(RejectReason.VOUCHER_USED, "");
      }
      case VOUCHER_EXPIRED -> {
        return reject(RejectReason.VOUCHER_EXPIRED, "");
      }
      case VALID -> {}
    }
    if (!policy.openingHours().isOpen(facts.localTime())) {
      return reject(RejectReason.OUTSIDE_OPENING_HOURS, policy.openingHours().toString());
    }
    long villageBytes = villageBytesRemaining(policy, facts.villagePackage(), usage);
    if (villageBytes == 0) {
      return reject(RejectReason.VILLAGE_QUOTA_SPENT, "");
    }
    QuotaOverride override = facts.override();
    Long userDailyMb = pick(override == null ? null : override.userDailyMb(), policy.userDailyMb());
    long userBytes =
        Math.min(usage.userBytesRemaining(), left(megabytes(userDailyMb), usage.userDayBytes()));
    Long userMinutes =
        pick(override == null ? null : override.userDailyMinutes(), policy.userDailyMinutes());
    long userSeconds =
        Math.min(usage.userSecondsRemaining(), left(minutes(userMinutes), usage.userDaySeconds()));
    VoucherAllowance voucher = facts.voucher();
    long voucherSecondsUntilExpiry = UNLIMITED;
    if (voucher != null) {
      long voucherBytes = voucher.bytesLeft(usage);
      long voucherSeconds = voucher.secondsLeft(usage);
      if (voucher.secondsUntilExpiry() == 0) {
        return reject(RejectReason.VOUCHER_EXPIRED, "");
      }
      if (voucherBytes == 0 || voucherSeconds == 0) {
        return reject(RejectReason.VOUCHER_SPENT, "");
      }
      userBytes = Math.min(userBytes, voucherBytes);
      userSeconds = Math.min(userSeconds, voucherSeconds);
      voucherSecondsUntilExpiry = voucher.secondsUntilExpiry();
    }
    if (userBytes == 0 || userSeconds == 0) {
      return reject(RejectReason.USER_QUOTA_SPENT, "");
    }
    if (usage.userDevices() >= maxDevices(facts, policy, usage)) {
      return reject(RejectReason.TOO_MANY_DEVICES, "");
    }
    long sessionTimeout =
        Math.min(
            min(
                policy.sessionTimeoutSeconds(),
                userSeconds,
                policy.openingHours().secondsUntilClose(facts.localTime())),
            voucherSecondsUntilExpiry);
    BandwidthPackage bought = facts.villagePackage();
    Long downKbps =
        pick(override == null ? null : override.userRateDownKbps(), policy.userRateDownKbps());
    Long upKbps =
        pick(override == null ? null : override.userRateUpKbps(), policy.userRateUpKbps());
    return new AuthDecision.Accept(
        sessionTimeout,
        policy.idleTimeoutSeconds(),
        policy.interimIntervalSeconds(),
        Math.min(userBytes, villageBytes),
        rate(downKbps, bought == null ? 0 : bought.downlinkMbps()),
        rate(upKbps, bought == null ? 0 : bought.uplinkMbps()),
        new SessionClass(facts.villageId(), facts.userId()).encode());
  }

  /**
   * Devices the villager may have online at once: the subscriber's override, else the policy's, and
   * never more than the ledger's limit; {@link Integer#MAX_VALUE} when nothing limits them.
   */
  public static int maxDevices(AuthFacts facts, QuotaPolicy policy, Usage usage) {
    QuotaOverride override = facts.override();
    Integer overrideDevices = override == null ? null : override.maxDevices();
    int policyDevices =
        overrideDevices != null
            ? overrideDevices
            : policy.maxDevicesPerUser() == null ? Integer.MAX_VALUE : policy.maxDevicesPerUser();
    return Math.min(policyDevices, usage.limits().maxDevices());
  }

  private static long villageBytesRemaining(
      QuotaPolicy policy, BandwidthPackage bought, Usage usage) {
    long monthlyCap =
        policy.villageMonthlyGb() != null
            ? gigabytes(policy.villageMonthlyGb())
            : bought == null ? UNLIMITED : bought.monthlyBytes();
    return min(
        usage.villageBytesRemaining(),
        left(gigabytes(policy.villageDailyGb()), usage.villageDayBytes()),
        left(monthlyCap, usage.villageMonthBytes()));
  }

  /**
   * The smaller of a per-user rate (kbit/s) and the village's link (Mbit/s), in bits/s; 0 = none.
   */
  private static long rate(Long userKbps, int villageMbps) {
    long user = userKbps == null || userKbps <= 0 ? UNLIMITED : userKbps * 1000;
    long village = villageMbps <= 0 ? UNLIMITED : villageMbps * 1_000_000L;
    long bits = Math.min(user, village);
    return bits == UNLIMITED ? 0 : bits;
  }

  /** The refusal when every device slot is taken. */
  public static AuthDecision tooManyDevices() {
    return reject(RejectReason.TOO_MANY_DEVICES, "");
  }

  private static AuthDecision reject(RejectReason reason, String detail) {
    return new AuthDecision.Reject(reason, reason.message(detail));
  }

  private static <T> T pick(T override, T policy) {
    return override != null ? override : policy;
  }

  private static long megabytes(Long mb) {
    return mb == null ? UNLIMITED : Math.multiplyExact(mb, BYTES_PER_MB);
  }

  private static long gigabytes(Long gb) {
    return gb == null ? UNLIMITED : Math.multiplyExact(gb, BYTES_PER_GB);
  }

  private static long minutes(Long minutes) {
    return minutes == null ? UNLIMITED : Math.multiplyExact(minutes, 60L);
  }

  private static long left(long cap, long used) {
    return cap == UNLIMITED ? UNLIMITED : Math.max(0, cap - used);
  }

  private static long min(long a, long b, long c) {
    return Math.min(a, Math.min(b, c));
  }
}
