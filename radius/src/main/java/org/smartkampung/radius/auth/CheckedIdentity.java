package org.smartkampung.radius.auth;

import org.smartkampung.core.login.LoginMethod;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.voucher.VoucherAllowance;

/**
 * Who an Access-Request turned out to be.
 *
 * @param outcome whether the credentials held
 * @param villageId the village the session charges
 * @param userId the identity the session charges; "" when the credentials failed
 * @param method how the villager was recognized; null when the credentials failed
 * @param override the subscriber's own limits; null for none
 * @param voucher what the voucher this session uses allows; null when it uses none
 * @param passwordToCheck the subscriber whose PAP password is still to be checked (slowly, off the
 *     worker threads); null when nothing is left to check. Until checked the outcome says {@link
 *     CredentialOutcome#BAD_CREDENTIALS}, so an unchecked identity is never let in.
 */
public record CheckedIdentity(
    CredentialOutcome outcome,
    String villageId,
    String userId,
    LoginMethod method,
    QuotaOverride override,
    VoucherAllowance voucher,
    Subscriber passwordToCheck) {

  static CheckedIdentity failed(CredentialOutcome outcome, String villageId) {
    return new CheckedIdentity(outcome, villageId, "", null, null, null, null);
  }

  static CheckedIdentity valid(
      String villageId, String userId, LoginMethod method, QuotaOverride override) {
    return new CheckedIdentity(
        CredentialOutcome.VALID, villageId, userId, method, override, null, null);
  }

  static CheckedIdentity validVoucher(
      String villageId, String code, LoginMethod method, VoucherAllowance voucher) {
    return new CheckedIdentity(
        CredentialOutcome.VALID, villageId, code, method, null, voucher, null);
  }

  /** A subscriber found and enabled, whose password is yet to be checked. */
  static CheckedIdentity passwordToCheck(String villageId, Subscriber subscriber) {
    return new CheckedIdentity(
        CredentialOutcome.BAD_CREDENTIALS, villageId, "", null, null, null, subscriber);
  }

  /** This identity once its password was found right. */
  CheckedIdentity passwordRight() {
    if (passwordToCheck == null) {
      throw new IllegalStateException("no password to check");
    }
    return valid(
        villageId,
        passwordToCheck.username(),
        LoginMethod.SUBSCRIBER,
        passwordToCheck.quotaOverride());
  }
}
