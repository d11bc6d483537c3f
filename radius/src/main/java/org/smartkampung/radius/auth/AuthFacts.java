package org.smartkampung.radius.auth;

import java.time.LocalTime;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.voucher.VoucherAllowance;

/**
 * The facts of one Access-Request that the decision needs, gathered before it is made.
 *
 * @param credential what the credential check found
 * @param nasType the kind of NAS, which decides the reply attributes
 * @param villageId the village the session will charge
 * @param userId the identity the session will charge
 * @param localTime wall-clock time now in the village's time zone
 * @param villagePackage what the village bought; null when unknown
 * @param override per-subscriber limits replacing the policy's user limits; null for none
 * @param voucher what the session's voucher allows in total; null when it uses none
 */
public record AuthFacts(
    CredentialOutcome credential,
    NasType nasType,
    String villageId,
    String userId,
    LocalTime localTime,
    BandwidthPackage villagePackage,
    QuotaOverride override,
    VoucherAllowance voucher) {

  /** Facts of a request that uses no voucher. */
  public AuthFacts(
      CredentialOutcome credential,
      NasType nasType,
      String villageId,
      String userId,
      LocalTime localTime,
      BandwidthPackage villagePackage,
      QuotaOverride override) {
    this(credential, nasType, villageId, userId, localTime, villagePackage, override, null);
  }
}
