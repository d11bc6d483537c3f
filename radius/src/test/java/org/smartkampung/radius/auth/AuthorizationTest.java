package org.smartkampung.radius.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartkampung.codec.Attributes;
import org.smartkampung.codec.RadiusDictionary;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.OpeningHours;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.voucher.VoucherAllowance;
import org.tinyradius.attribute.RadiusAttribute;
import org.tinyradius.attribute.VendorSpecificAttribute;

class AuthorizationTest {

  private static final LocalTime EVENING = LocalTime.of(19, 0);
  private static final BandwidthPackage PACKAGE = new BandwidthPackage(20, 5, 0, 2026, 0);

  private static QuotaPolicy policy(Long userDailyMb, Long minutes, OpeningHours hours) {
    return new QuotaPolicy(
        "p", null, null, userDailyMb, minutes, 4096L, 1024L, 2, hours, 3600, 300, 60);
  }

  private static AuthFacts facts(CredentialOutcome outcome, LocalTime time) {
    return new AuthFacts(outcome, NasType.MIKROTIK, "kemiren", "siti", time, PACKAGE, null);
  }

  private static QuotaPolicy policy(
      Long villageDailyGb, Long userDailyMb, Long minutes, OpeningHours hours) {
    return new QuotaPolicy(
        "p", villageDailyGb, null, userDailyMb, minutes, 4096L, 1024L, 2, hours, 3600, 300, 60);
  }

  private static Usage usage(long userBytes, long villageBytes, int devices) {
    return new Usage(userBytes, 0, villageBytes, villageBytes, devices);
  }

  @Test
  void acceptTakesTheSmallestOfUserVillageAndPolicyLimits() {
    // user: policy 500 MB, used 100 MB -> 400 MB; village: 10 GB - 9.8 GB = 200 MB
    AuthDecision decision =
        Authorization.decide(
            facts(CredentialOutcome.VALID, EVENING),
            policy(10L, 500L, null, OpeningHours.ALWAYS),
            usage(100_000_000L, 9_800_000_000L, 0));
    assertThat(decision).isInstanceOf(AuthDecision.Accept.class);
    AuthDecision.Accept accept = (AuthDecision.Accept) decision;
    assertThat(accept.bytesRemaining()).isEqualTo(200_000_000L);
    assertThat(accept.downBitsPerSecond()).isEqualTo(4_096_000L);
    assertThat(accept.upBitsPerSecond()).isEqualTo(1_024_000L);
    assertThat(accept.sessionClass()).isEqualTo("kampung:kemiren:siti");
    assertThat(accept.sessionTimeoutSeconds()).isEqualTo(3600);
  }

  @Test
  void sessionTimeoutStopsAtClosingTimeAndAtTheUsersMinutes() {
    QuotaPolicy hours = policy(null, null, OpeningHours.parse("16:00-22:00"));
    AuthDecision.Accept closing =
        (AuthDecision.Accept)
            Authorization.decide(
                facts(CredentialOutcome.VALID, LocalTime.of(21, 40)), hours, usage(0, 0, 0));
    assertThat(closing.sessionTimeoutSeconds()).isEqualTo(20 * 60);

    AuthDecision.Accept minutes =
        (AuthDecision.Accept)
            Authorization.decide(
                facts(CredentialOutcome.VALID, EVENING),
                policy(null, 30L, OpeningHours.ALWAYS),
                new Usage(0, 25 * 60, 0, 0, 0));
    assertThat(minutes.sessionTimeoutSeconds()).isEqualTo(5 * 60);
  }

  @Test
  void rateIsCappedByTheVillagesLink() {
    AuthFacts slowVillage =
        new AuthFacts(
            CredentialOutcome.VALID,
            NasType.MIKROTIK,
            "kemiren",
            "siti",
            EVENING,
            new BandwidthPackage(2, 1, 0, 2026, 0),
            null);
    AuthDecision.Accept accept =
        (AuthDecision.Accept)
            Authorization.decide(
                slowVillage, policy(null, null, OpeningHours.ALWAYS), usage(0, 0, 0));
    assertThat(accept.downBitsPerSecond()).isEqualTo(2_000_000L);
    assertThat(accept.upBitsPerSecond()).isEqualTo(1_000_000L);
  }

  @Test
  void subscriberOverrideReplacesPolicyUserLimits() {
    AuthFacts withOverride =
        new AuthFacts(
            CredentialOutcome.VALID,
            NasType.MIKROTIK,
            "kemiren",
            "pak-kades",
            EVENING,
            PACKAGE,
            new QuotaOverride(2000L, null, 8192L, 2048L, 4));
    AuthDecision.Accept accept =
        (AuthDecision.Accept)
            Authorization.decide(
                withOverride, policy(500L, null, OpeningHours.ALWAYS), usage(0, 0, 3));
    assertThat(accept.bytesRemaining()).isEqualTo(2_000_000_000L);
    assertThat(accept.downBitsPerSecond()).isEqualTo(8_192_000L);
  }

  @Test
  void rejectsCarryTheReasonInBahasaIndonesia() {
    QuotaPolicy p = policy(500L, null, OpeningHours.parse("16:00-22:00"));
    QuotaPolicy villageCap = policy(1L, 500L, null, OpeningHours.parse("16:00-22:00"));
    assertThat(reject(facts(CredentialOutcome.BAD_CREDENTIALS, EVENING), p, null))
        .isEqualTo(RejectReason.BAD_CREDENTIALS);
    assertThat(reject(facts(CredentialOutcome.VOUCHER_USED, EVENING), p, null))
        .isEqualTo(RejectReason.VOUCHER_USED);
    assertThat(reject(facts(CredentialOutcome.VOUCHER_EXPIRED, EVENING), p, null))
        .isEqualTo(RejectReason.VOUCHER_EXPIRED);
    assertThat(reject(facts(CredentialOutcome.VALID, LocalTime.of(8, 0)), p, usage(0, 0, 0)))
        .isEqualTo(RejectReason.OUTSIDE_OPENING_HOURS);
    assertThat(
            reject(
                facts(CredentialOutcome.VALID, EVENING), villageCap, usage(0, 1_000_000_000L, 0)))
        .isEqualTo(RejectReason.VILLAGE_QUOTA_SPENT);
    assertThat(reject(facts(CredentialOutcome.VALID, EVENING), p, usage(500_000_000L, 0, 0)))
        .isEqualTo(RejectReason.USER_QUOTA_SPENT);
    assertThat(reject(facts(CredentialOutcome.VALID, EVENING), p, usage(0, 0, 2)))
        .isEqualTo(RejectReason.TOO_MANY_DEVICES);

    AuthDecision.Reject closed =
        (AuthDecision.Reject)
            Authorization.decide(
                facts(CredentialOutcome.VALID, LocalTime.of(8, 0)), p, usage(0, 0, 0));
    assertThat(closed.replyMessage())
        .isEqualTo("Layanan internet desa sedang tutup. Jam buka: 16:00-22:00.");
  }

  private static AuthFacts voucherFacts(VoucherAllowance voucher) {
    return new AuthFacts(
        CredentialOutcome.VALID,
        NasType.MIKROTIK,
        "kemiren",
        "KMR7Q2X9",
        EVENING,
        PACKAGE,
        null,
        voucher);
  }

  @Test
  void voucherRemainingBelowVillageRemainingIsWhatTheAcceptCarries() {
    // village: 10 GB a day, 9.5 GB used -> 500 MB; voucher: 300 MB, 120 MB used -> 180 MB
    VoucherAllowance voucher = new VoucherAllowance(300_000_000L, Limits.UNLIMITED, 86_400);
    AuthDecision.Accept accept =
        (AuthDecision.Accept)
            Authorization.decide(
                voucherFacts(voucher),
                policy(10L, null, null, OpeningHours.ALWAYS),
                new Usage(120_000_000L, 0, 9_500_000_000L, 9_500_000_000L, 0));

    assertThat(accept.bytesRemaining()).isEqualTo(180_000_000L);
    List<RadiusAttribute> attrs =
        new ReplyAttributes(new Attributes(RadiusDictionary.load()))
            .forAccept(NasType.MIKROTIK, accept);
    assertThat(vendorInt(attrs, 14988, 17)).isEqualTo(180_000_000L);
  }

  @Test
  void voucherAllowanceHoldsOnceAcrossDaysNotPerDay() {
    VoucherAllowance voucher = new VoucherAllowance(300_000_000L, 3600, 7 * 86_400);
    QuotaPolicy policy = policy(null, null, OpeningHours.ALWAYS);
    // Nothing used today, but 250 MB and 50 minutes on earlier days of its validity.
    Usage earlierDays = new Usage(0, 0, 0, 0, 0, 250_000_000L, 50 * 60);
    AuthDecision.Accept accept =
        (AuthDecision.Accept) Authorization.decide(voucherFacts(voucher), policy, earlierDays);
    assertThat(accept.bytesRemaining()).isEqualTo(50_000_000L);
    assertThat(accept.sessionTimeoutSeconds()).isEqualTo(10 * 60);

    Usage spentYesterday = new Usage(0, 0, 0, 0, 0, 300_000_000L, 50 * 60);
    assertThat(reject(voucherFacts(voucher), policy, spentYesterday))
        .isEqualTo(RejectReason.VOUCHER_SPENT);
  }

  @Test
  void voucherMinutesLeftAndItsExpiryCapTheSessionTimeout() {
    QuotaPolicy policy = policy(null, null, OpeningHours.ALWAYS);
    // 60 minutes allowed, 45 used -> 15 minutes; the policy would give an hour.
    AuthDecision.Accept minutes =
        (AuthDecision.Accept)
            Authorization.decide(
                voucherFacts(new VoucherAllowance(Limits.UNLIMITED, 3600, 86_400)),
                policy,
                new Usage(0, 45 * 60, 0, 0, 0));
    assertThat(minutes.sessionTimeoutSeconds()).isEqualTo(15 * 60);

    AuthDecision.Accept expiring =
        (AuthDecision.Accept)
            Authorization.decide(
                voucherFacts(new VoucherAllowance(Limits.UNLIMITED, Limits.UNLIMITED, 600)),
                policy,
                usage(0, 0, 0));
    assertThat(expiring.sessionTimeoutSeconds()).isEqualTo(600);
  }

  @Test
  void voucherAllowanceLargerThanTheUsersDailyQuotaLeavesTheDailyQuota() {
    AuthDecision.Accept accept =
        (AuthDecision.Accept)
            Authorization.decide(
                voucherFacts(new VoucherAllowance(5_000_000_000L, Limits.UNLIMITED, 86_400)),
                policy(500L, null, OpeningHours.ALWAYS),
                usage(100_000_000L, 0, 0));
    assertThat(accept.bytesRemaining()).isEqualTo(400_000_000L);
  }

  @Test
  void spentOrExpiredVoucherIsRejected() {
    QuotaPolicy p = policy(null, null, OpeningHours.ALWAYS);
    assertThat(
            reject(
                voucherFacts(new VoucherAllowance(300_000_000L, Limits.UNLIMITED, 86_400)),
                p,
                usage(300_000_000L, 0, 0)))
        .isEqualTo(RejectReason.VOUCHER_SPENT);
    assertThat(
            reject(
                voucherFacts(new VoucherAllowance(Limits.UNLIMITED, 3600, 86_400)),
                p,
                new Usage(0, 3600, 0, 0, 0)))
        .isEqualTo(RejectReason.VOUCHER_SPENT);
    assertThat(
            reject(
                voucherFacts(new VoucherAllowance(Limits.UNLIMITED, Limits.UNLIMITED, 0)),
                p,
                usage(0, 0, 0)))
        .isEqualTo(RejectReason.VOUCHER_EXPIRED);
  }

  private static RejectReason reject(AuthFacts facts, QuotaPolicy policy, Usage usage) {
    AuthDecision decision = Authorization.decide(facts, policy, usage);
    assertThat(decision).isInstanceOf(AuthDecision.Reject.class);
    return ((AuthDecision.Reject) decision).reason();
  }

  @Test
  void mikrotikGetsRateLimitAsRxTxAndTotalLimitWithGigawords() {
    Attributes attributes = new Attributes(RadiusDictionary.load());
    AuthDecision.Accept accept =
        new AuthDecision.Accept(
            3600, 300, 60, 5L * (1L << 32) + 7, 4_096_000, 1_024_000, "kampung:k:u");
    List<RadiusAttribute> attrs =
        new ReplyAttributes(attributes).forAccept(NasType.MIKROTIK, accept);
    assertThat(vendorValue(attrs, 14988, 8)).isEqualTo("1024k/4096k");
    assertThat(vendorInt(attrs, 14988, 17)).isEqualTo(7);
    assertThat(vendorInt(attrs, 14988, 18)).isEqualTo(5);

    List<RadiusAttribute> chilli =
        new ReplyAttributes(attributes).forAccept(NasType.COOVACHILLI, accept);
    assertThat(vendorInt(chilli, 14122, 7)).isEqualTo(1_024_000);
    assertThat(vendorInt(chilli, 14122, 8)).isEqualTo(4_096_000);
    assertThat(vendorInt(chilli, 14559, 3)).isEqualTo(7);
    assertThat(vendorInt(chilli, 14559, 23)).isEqualTo(5);
  }

  private static String vendorValue(List<RadiusAttribute> attrs, int vendor, int type) {
    return new String(sub(attrs, vendor, type).getAttributeData(), StandardCharsets.UTF_8);
  }

  private static long vendorInt(List<RadiusAttribute> attrs, int vendor, int type) {
    byte[] d = sub(attrs, vendor, type).getAttributeData();
    return ((d[0] & 0xffL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
  }

  private static RadiusAttribute sub(List<RadiusAttribute> attrs, int vendor, int type) {
    return attrs.stream()
        .filter(a -> a instanceof VendorSpecificAttribute v && v.getChildVendorId() == vendor)
        .map(a -> ((VendorSpecificAttribute) a).getSubAttribute(type))
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + vendor + "/" + type));
  }
}
