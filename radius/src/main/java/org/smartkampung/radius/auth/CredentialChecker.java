package org.smartkampung.radius.auth;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.smartkampung.core.device.BypassDevice;
import org.smartkampung.core.device.DeviceListStore;
import org.smartkampung.core.login.LoginMethod;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.login.LoginTokenStore;
import org.smartkampung.core.nas.Macs;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.voucher.RedeemResult;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherAllowance;
import org.smartkampung.core.voucher.VoucherStore;

/**
 * The authenticate section: finds who an Access-Request is, trying in order a one-time login token
 * minted by the portal, a subscriber (PAP against the salted hash, which this class leaves to
 * {@link SubscriberPasswords}: it answers {@link CheckedIdentity#passwordToCheck()}; CHAP cannot be
 * checked against a hash and fails), a voucher code typed into the NAS's own login page (password =
 * the code, or empty), a device on the village's bypass list by MAC, and, where the village enables
 * it, a remembered device by MAC. A device on the village's block list is refused before any of
 * these (no token is spent, no voucher redeemed). Blocking: run it on a worker thread.
 */
public final class CredentialChecker {

  /** What villagers type between the groups of a voucher code, ignored when looking it up. */
  private static final Pattern VOUCHER_SEPARATORS = Pattern.compile("[\\s-]");

  private final LoginTokenStore tokens;
  private final SubscriberStore subscribers;
  private final VoucherStore vouchers;
  private final RememberedDevices devices;
  private final DeviceListStore deviceLists;

  public CredentialChecker(
      LoginTokenStore tokens,
      SubscriberStore subscribers,
      VoucherStore vouchers,
      RememberedDevices devices,
      DeviceListStore deviceLists) {
    this.tokens = tokens;
    this.subscribers = subscribers;
    this.vouchers = vouchers;
    this.devices = devices;
    this.deviceLists = deviceLists;
  }

  /**
   * @param nasName the configured name of the NAS that asks (a one-time token works only there)
   * @param nasVillage the village of the NAS that asks
   * @param macAuth whether that village lets remembered devices in by MAC
   */
  public CheckedIdentity check(
      Credentials credentials, String nasName, String nasVillage, boolean macAuth, Instant now) {
    if (deviceLists.blocked(nasVillage, credentials.deviceMac())) {
      return CheckedIdentity.failed(CredentialOutcome.DEVICE_BLOCKED, nasVillage);
    }
    String username = credentials.username();
    if (username.isEmpty()) {
      return CheckedIdentity.failed(CredentialOutcome.BAD_CREDENTIALS, nasVillage);
    }
    Optional<LoginToken> token = tokens.consume(username, now);
    if (token.isPresent()) {
      return token(credentials, token.get(), nasName, nasVillage, now);
    }
    Optional<Subscriber> subscriber = subscribers.find(username.toLowerCase(Locale.ROOT));
    if (subscriber.isPresent()) {
      return subscriber(credentials, subscriber.get(), nasVillage);
    }
    String code = VOUCHER_SEPARATORS.matcher(username).replaceAll("").toUpperCase(Locale.ROOT);
    Optional<Voucher> voucher = code.isEmpty() ? Optional.empty() : vouchers.find(code);
    if (voucher.isPresent()) {
      return voucher(credentials, voucher.get(), nasVillage, now);
    }
    String mac = Macs.normalize(username);
    if (!mac.isEmpty() && mac.equals(credentials.deviceMac())) {
      // Listed by the village's admin: in by MAC whether or not the village uses MAC login.
      if (deviceLists.bypass(nasVillage, mac)) {
        return CheckedIdentity.valid(
            nasVillage, BypassDevice.userId(mac), LoginMethod.MAC, BypassDevice.NO_VILLAGER_LIMITS);
      }
      if (macAuth) {
        Optional<String> user = devices.userOf(nasVillage, mac);
        if (user.isPresent()) {
          // A device remembered from a voucher login stays bound by that voucher.
          return knownVoucher(nasVillage, user.get(), LoginMethod.MAC, now);
        }
      }
    }
    return CheckedIdentity.failed(CredentialOutcome.BAD_CREDENTIALS, nasVillage);
  }

  /**
   * A one-time token holds only with its secret, at the hotspot it was minted for, in that
   * hotspot's village, for the device the hotspot reported; the portal's URL parameters never
   * decide the village or the device. A click-through identity is this request's
   * Calling-Station-Id, not what the portal was told.
   */
  private CheckedIdentity token(
      Credentials credentials, LoginToken t, String nasName, String nasVillage, Instant now) {
    boolean bound =
        !t.hotspot().isEmpty()
            && t.hotspot().equals(nasName)
            && t.villageId().equals(nasVillage)
            && Macs.normalize(t.deviceMac()).equals(credentials.deviceMac());
    if (!bound || !credentials.matches(t.secret())) {
      return CheckedIdentity.failed(CredentialOutcome.BAD_CREDENTIALS, nasVillage);
    }
    if (t.method() == LoginMethod.VOUCHER) {
      return knownVoucher(t.villageId(), t.userId(), t.method(), now);
    }
    if (t.method() == LoginMethod.CLICK_THROUGH) {
      // Without any Calling-Station-Id (and so a token minted without a MAC, as bound above) the
      // portal's id stands: it came from the hotspot's own client address.
      String device = credentials.deviceId();
      String userId = device.isEmpty() ? t.userId() : "gratis-" + device;
      return CheckedIdentity.valid(t.villageId(), userId, t.method(), null);
    }
    // A subscriber who signed in on the portal keeps their own limits, as with PAP at the NAS.
    QuotaOverride override =
        t.method() == LoginMethod.SUBSCRIBER
            ? subscribers.find(t.userId()).map(Subscriber::quotaOverride).orElse(null)
            : null;
    return CheckedIdentity.valid(t.villageId(), t.userId(), t.method(), override);
  }

  private CheckedIdentity subscriber(Credentials credentials, Subscriber s, String nasVillage) {
    // CHAP needs the cleartext secret; we keep only a salted hash, so CHAP cannot succeed here.
    // A subscriber logs in at their own village's hotspots only: another village's NAS must not
    // charge them to itself.
    if (!s.enabled() || credentials.papPassword() == null || !s.villageId().equals(nasVillage)) {
      return CheckedIdentity.failed(CredentialOutcome.BAD_CREDENTIALS, nasVillage);
    }
    // The slow hash is checked by SubscriberPasswords, on threads of its own.
    return CheckedIdentity.passwordToCheck(nasVillage, s);
  }

  private CheckedIdentity voucher(
      Credentials credentials, Voucher voucher, String nasVillage, Instant now) {
    String code = voucher.code();
    boolean proven =
        credentials.matches("")
            || credentials.matches(code)
            || credentials.matches(credentials.username());
    if (!proven) {
      return CheckedIdentity.failed(CredentialOutcome.BAD_CREDENTIALS, nasVillage);
    }
    String device = credentials.deviceId().isEmpty() ? code : credentials.deviceId();
    RedeemResult result = vouchers.redeem(nasVillage, code, device, now);
    return switch (result) {
      case REDEEMED, ALREADY_YOURS ->
          CheckedIdentity.validVoucher(
              nasVillage, code, LoginMethod.VOUCHER, VoucherAllowance.of(voucher, now));
      case USED, REVOKED -> CheckedIdentity.failed(CredentialOutcome.VOUCHER_USED, nasVillage);
      case EXPIRED -> CheckedIdentity.failed(CredentialOutcome.VOUCHER_EXPIRED, nasVillage);
      case UNKNOWN -> CheckedIdentity.failed(CredentialOutcome.BAD_CREDENTIALS, nasVillage);
    };
  }

  /**
   * A user already proven by a token or a remembered device: when the user id is a voucher code,
   * the voucher's state and allowance apply; otherwise it is an ordinary valid user.
   */
  private CheckedIdentity knownVoucher(
      String villageId, String userId, LoginMethod method, Instant now) {
    Optional<Voucher> found = vouchers.find(userId);
    if (found.isEmpty()) {
      return CheckedIdentity.valid(villageId, userId, method, null);
    }
    return switch (found.get().statusAt(now)) {
      case UNUSED, IN_USE ->
          CheckedIdentity.validVoucher(
              villageId, userId, method, VoucherAllowance.of(found.get(), now));
      case USED, REVOKED -> CheckedIdentity.failed(CredentialOutcome.VOUCHER_USED, villageId);
      case EXPIRED -> CheckedIdentity.failed(CredentialOutcome.VOUCHER_EXPIRED, villageId);
    };
  }
}
