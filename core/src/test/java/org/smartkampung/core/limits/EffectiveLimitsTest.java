package org.smartkampung.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.smartkampung.core.limits.EffectiveLimits.Refusal;
import org.smartkampung.core.quota.LimitMath;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.voucher.VoucherAllowance;

/**
 * {@link EffectiveLimits} over policy x package x override x voucher x opening hours: a table of
 * named cases, the overflow edges of {@code long}, and a seeded generator checking the rules every
 * combination must keep.
 */
class EffectiveLimitsTest {

  private static final long U = LimitMath.UNLIMITED;
  private static final long MB = 1_000_000L;
  private static final long GB = 1_000_000_000L;
  private static final LocalTime EVENING = LocalTime.of(19, 0);

  private static QuotaPolicy policy(
      Long villageDailyGb, Long villageMonthlyGb, Long userDailyMb, Long minutes, String hours) {
    return new QuotaPolicy(
        "p",
        villageDailyGb,
        villageMonthlyGb,
        userDailyMb,
        minutes,
        null,
        null,
        3,
        hours == null ? null : OpeningHours.parse(hours),
        3600,
        300,
        60);
  }

  static Stream<Arguments> table() {
    QuotaPolicy none = policy(null, null, null, null, null);
    BandwidthPackage pkg750 = new BandwidthPackage(20, 5, 750, 2026, 0);
    return Stream.of(
        // name, policy, package, override, voucher, usage, expected bytes, seconds, refusal
        Arguments.of("nothing limits", none, null, null, null, Usage.NONE, U, U, null),
        Arguments.of(
            "user 500 MB, 100 used",
            policy(null, null, 500L, null, null),
            null,
            null,
            null,
            new Usage(100 * MB, 0, 0, 0, 0),
            400 * MB,
            U,
            null),
        Arguments.of(
            "village package 750 GB a month, 749.9 used",
            none,
            pkg750,
            null,
            null,
            new Usage(0, 0, 0, 749_900 * MB, 0),
            100 * MB,
            U,
            null),
        Arguments.of(
            "policy month beats the package",
            policy(null, 10L, null, null, null),
            pkg750,
            null,
            null,
            new Usage(0, 0, 0, 10 * GB, 0),
            0L,
            U,
            Refusal.VILLAGE_QUOTA_SPENT),
        Arguments.of(
            "override raises the user's day",
            policy(null, null, 500L, 60L, null),
            null,
            new QuotaOverride(2_000L, null, null, null, null),
            null,
            new Usage(600 * MB, 0, 0, 0, 0),
            1_400 * MB,
            3600L,
            null),
        Arguments.of(
            "override lowers the user's minutes to none left",
            policy(null, null, null, 60L, null),
            null,
            new QuotaOverride(null, 10L, null, null, null),
            null,
            new Usage(0, 600, 0, 0, 0),
            U,
            0L,
            Refusal.USER_QUOTA_SPENT),
        Arguments.of(
            "voucher 500 MB, 300 used on earlier days, village raised",
            policy(null, null, 5_000L, null, null),
            null,
            null,
            new VoucherAllowance(500 * MB, U, 86_400),
            new Usage(0, 0, 0, 0, 0, 300 * MB, 1_800),
            200 * MB,
            86_400L,
            null),
        Arguments.of(
            "voucher used up",
            none,
            null,
            null,
            new VoucherAllowance(500 * MB, U, 86_400),
            new Usage(0, 0, 0, 0, 0, 500 * MB, 0),
            0L,
            86_400L,
            Refusal.VOUCHER_SPENT),
        Arguments.of(
            "voucher expired",
            none,
            null,
            null,
            new VoucherAllowance(500 * MB, U, 0),
            Usage.NONE,
            500 * MB,
            0L,
            Refusal.VOUCHER_EXPIRED),
        Arguments.of(
            "closed in the evening (the next close is 23 hours away)",
            policy(null, null, null, null, "06:00-18:00"),
            null,
            null,
            null,
            Usage.NONE,
            U,
            23 * 3600L,
            Refusal.OUTSIDE_OPENING_HOURS),
        Arguments.of(
            "open until 22:00: three hours left",
            policy(null, null, null, null, "16:00-22:00"),
            null,
            null,
            null,
            Usage.NONE,
            U,
            3 * 3600L,
            null),
        Arguments.of(
            "huge GB and MB values saturate instead of overflowing",
            policy(Long.MAX_VALUE, Long.MAX_VALUE / 2, Long.MAX_VALUE / 1000, Long.MAX_VALUE, null),
            new BandwidthPackage(1, 1, Long.MAX_VALUE, 2026, 0),
            null,
            null,
            new Usage(Long.MAX_VALUE - 1, Long.MAX_VALUE - 1, Long.MAX_VALUE - 1, 0, 0),
            U,
            U,
            null),
        Arguments.of(
            "a voucher of Long.MAX_VALUE bytes is unlimited",
            none,
            null,
            null,
            new VoucherAllowance(Long.MAX_VALUE, U, Long.MAX_VALUE),
            new Usage(0, 0, 0, 0, 0, Long.MAX_VALUE - 1, 0),
            U,
            U,
            null),
        Arguments.of(
            "negative configured values count as none left",
            policy(-1L, null, -5L, null, null),
            null,
            null,
            null,
            Usage.NONE,
            0L,
            U,
            Refusal.VILLAGE_QUOTA_SPENT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void remainingAndRefusalFollowTheTable(
      String name,
      QuotaPolicy policy,
      BandwidthPackage bought,
      QuotaOverride override,
      VoucherAllowance voucher,
      Usage usage,
      long bytes,
      long personalSeconds,
      Refusal refusal) {
    EffectiveLimits limits = EffectiveLimits.of(policy, bought, override, voucher, EVENING);
    EffectiveLimits.Remaining left = limits.remaining(usage);

    assertThat(left.bytes()).as("bytes").isEqualTo(bytes);
    assertThat(
            Math.min(
                Math.min(left.personalSeconds(), left.voucherSecondsUntilExpiry()),
                left.secondsUntilClose()))
        .as("seconds")
        .isEqualTo(personalSeconds);
    assertThat(limits.refusal(usage, true)).isEqualTo(Optional.ofNullable(refusal));
  }

  @Test
  void unitConversionsSaturateAtTheEdgesOfLong() {
    assertThat(LimitMath.gigabytes(Long.MAX_VALUE)).isEqualTo(U);
    assertThat(LimitMath.gigabytes(Long.MAX_VALUE / GB)).isEqualTo(Long.MAX_VALUE / GB * GB);
    assertThat(LimitMath.gigabytes(Long.MAX_VALUE / GB + 1)).isEqualTo(U);
    assertThat(LimitMath.megabytes(Long.MAX_VALUE / MB + 1)).isEqualTo(U);
    assertThat(LimitMath.minutes(Long.MAX_VALUE / 60 + 1)).isEqualTo(U);
    assertThat(LimitMath.kbps(Long.MAX_VALUE)).isEqualTo(U);
    assertThat(LimitMath.gigabytes(null)).isEqualTo(U);
    assertThat(LimitMath.gigabytes(-3L)).isZero();
    assertThat(LimitMath.plus(Long.MAX_VALUE - 1, 2)).isEqualTo(U);
    assertThat(LimitMath.plus(U, 0)).isEqualTo(U);
    assertThat(LimitMath.left(U, Long.MAX_VALUE)).isEqualTo(U);
    assertThat(LimitMath.left(5, Long.MAX_VALUE)).isZero();
    assertThat(LimitMath.left(Long.MAX_VALUE - 1, -7)).isEqualTo(Long.MAX_VALUE - 1);
    assertThat(new BandwidthPackage(1, 1, Long.MAX_VALUE, 2026, 0).monthlyBytes()).isEqualTo(U);
  }

  @Test
  void everyCombinationKeepsTheRules() {
    Random random = new Random(16);
    Long[] gb = {null, 0L, 1L, 10L, Long.MAX_VALUE / GB, Long.MAX_VALUE};
    Long[] mb = {null, 0L, 500L, 5_000L, Long.MAX_VALUE / MB, Long.MAX_VALUE};
    Long[] minutes = {null, 0L, 30L, Long.MAX_VALUE};
    String[] hours = {null, "06:00-18:00", "16:00-02:00"};
    long[] amounts = {0, 1, 300 * MB, 500 * MB, 10 * GB, Long.MAX_VALUE - 1, Long.MAX_VALUE};
    List<String> broken = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      QuotaPolicy policy =
          policy(
              pick(random, gb),
              pick(random, gb),
              pick(random, mb),
              pick(random, minutes),
              pick(random, hours));
      BandwidthPackage bought =
          random.nextBoolean()
              ? null
              : new BandwidthPackage(10, 2, amounts[random.nextInt(amounts.length)] / GB, 2026, 0);
      QuotaOverride override =
          random.nextBoolean()
              ? null
              : new QuotaOverride(pick(random, mb), pick(random, minutes), null, null, null);
      VoucherAllowance voucher =
          random.nextBoolean()
              ? null
              : new VoucherAllowance(
                  amounts[random.nextInt(amounts.length)],
                  amounts[random.nextInt(amounts.length)],
                  amounts[random.nextInt(amounts.length)]);
      Usage usage =
          new Usage(
              amounts[random.nextInt(amounts.length)],
              amounts[random.nextInt(amounts.length)],
              amounts[random.nextInt(amounts.length)],
              amounts[random.nextInt(amounts.length)],
              random.nextInt(5),
              amounts[random.nextInt(amounts.length)],
              amounts[random.nextInt(amounts.length)]);
      LocalTime time = LocalTime.ofSecondOfDay(random.nextInt(86_400));
      EffectiveLimits limits = EffectiveLimits.of(policy, bought, override, voucher, time);
      EffectiveLimits.Remaining left = limits.remaining(usage);
      String what =
          policy + " " + bought + " " + override + " " + voucher + " " + usage + " " + time;
      if (left.bytes() < 0 || left.personalSeconds() < 0 || left.secondsUntilClose() <= 0) {
        broken.add("negative: " + what);
      }
      if (left.bytes() > left.villageBytes() || left.bytes() > left.personalBytes()) {
        broken.add("not the smallest: " + what);
      }
      if (voucher != null && left.bytes() > voucher.bytesLimit()) {
        broken.add("more than the voucher: " + what);
      }
      Optional<Refusal> refusal = limits.refusal(usage, false);
      boolean spent = left.bytes() == 0 || left.personalSeconds() == 0;
      boolean expired = voucher != null && voucher.secondsUntilExpiry() == 0;
      if (refusal.isEmpty() == (spent || expired || !policy.openingHours().isOpen(time))) {
        broken.add("refusal " + refusal + " disagrees with what is left: " + what);
      }
      if (refusal.isEmpty()) {
        long timeout = limits.sessionTimeoutSeconds(usage);
        if (timeout <= 0 || timeout > 3600 || timeout > left.secondsUntilClose()) {
          broken.add("session timeout " + timeout + ": " + what);
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }
}
