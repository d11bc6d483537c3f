package org.smartkampung.portal.login;

import java.time.Clock;
import java.util.Locale;
import org.smartkampung.core.login.LoginMethod;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.voucher.VoucherCodes;
import org.smartkampung.core.voucher.VoucherStore;
import org.smartkampung.portal.device.Device;

/**
 * Checks a villager's claim by the login method they chose. Calls stores and a slow password hash,
 * so it runs off the event loop.
 */
public final class VillagerVerifier {

  private static final int MAX_CODE_CHARS = 32;
  private static final int MAX_FIELD_CHARS = 128;

  /** Verified for unknown names; as costly as the shipped subscriber hashes. */
  private static final String DUMMY_HASH = new PasswordHasher().hash("bukan-sandi-siapa-pun");

  private final VoucherStore vouchers;
  private final SubscriberStore subscribers;
  private final Clock clock;

  public VillagerVerifier(VoucherStore vouchers, SubscriberStore subscribers, Clock clock) {
    this.vouchers = vouchers;
    this.subscribers = subscribers;
    this.clock = clock;
  }

  /** Click-through: the villager ticked the terms. The device is the identity ("gratis-..."). */
  public Verification clickThrough(boolean termsAccepted, Device device) {
    if (!termsAccepted) {
      return new Verification.Refused("error.terms", false);
    }
    return new Verification.Verified("gratis-" + device.id(), LoginMethod.CLICK_THROUGH);
  }

  /** A printed voucher, redeemed for this device in this village. */
  public Verification voucher(String villageId, String rawCode, Device device) {
    String code = normaliseCode(rawCode);
    if (code.isEmpty() || code.length() > MAX_CODE_CHARS) {
      return new Verification.Refused("error.voucher.empty", false);
    }
    return switch (vouchers.redeem(villageId, code, device.id(), clock.instant())) {
      case REDEEMED, ALREADY_YOURS -> new Verification.Verified(code, LoginMethod.VOUCHER);
      case UNKNOWN, REVOKED -> new Verification.Refused("error.voucher.unknown", true);
      case USED -> new Verification.Explained(Explanation.VOUCHER_USED);
      case EXPIRED -> new Verification.Explained(Explanation.VOUCHER_EXPIRED);
    };
  }

  /** A subscriber of this village with the right password and an enabled account. */
  public Verification subscriber(String villageId, String rawUsername, String password) {
    String username = rawUsername == null ? "" : rawUsername.trim().toLowerCase(Locale.ROOT);
    if (username.isEmpty()
        || password == null
        || password.isEmpty()
        || username.length() > MAX_FIELD_CHARS
        || password.length() > MAX_FIELD_CHARS) {
      return new Verification.Refused("error.subscriber.empty", false);
    }
    Subscriber subscriber = subscribers.find(username).orElse(null);
    // An unknown name costs the same hash as a known one, so the refusal's timing does not tell
    // which usernames exist; another village's subscriber is refused after the hash too.
    boolean passwordOk =
        PasswordHasher.verify(
            password, subscriber == null ? DUMMY_HASH : subscriber.passwordHash());
    if (subscriber == null || !passwordOk || !subscriber.villageId().equals(villageId)) {
      return new Verification.Refused("error.subscriber.wrong", true);
    }
    if (!subscriber.enabled()) {
      return new Verification.Refused("error.subscriber.disabled", false);
    }
    return new Verification.Verified(subscriber.username(), LoginMethod.SUBSCRIBER);
  }

  /** The code as stored; empty when it has characters no code has (a paste of something else). */
  static String normaliseCode(String raw) {
    String code = VoucherCodes.normalize(raw);
    return code.chars().allMatch(Character::isLetterOrDigit) ? code : "";
  }
}
