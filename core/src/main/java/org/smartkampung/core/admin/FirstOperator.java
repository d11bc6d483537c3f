package org.smartkampung.core.admin;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.voucher.VoucherCodes;

/**
 * Makes the first kabupaten operator, {@value #USERNAME}, when no admin exists yet: with the
 * password from {@code KAMPUNG_ADMIN_PASSWORD} when set, else with a random one that the caller
 * prints once. An existing account is never changed, so a restart does not reset a password.
 */
public final class FirstOperator {

  public static final String USERNAME = "admin";

  /** The environment variable that sets the first operator's password. */
  public static final String PASSWORD_ENV = "KAMPUNG_ADMIN_PASSWORD";

  private static final int RANDOM_SYMBOLS = 16;

  private FirstOperator() {}

  /**
   * Creates the first operator if the store has no admin.
   *
   * @param passwordFromEnv the value of {@link #PASSWORD_ENV}; null or blank for a random one
   * @return the generated password to print once; empty when none was generated (an admin existed
   *     or the password came from the environment)
   */
  public static Optional<String> ensure(
      AdminAccountStore admins, String passwordFromEnv, PasswordHasher hasher, Clock clock) {
    if (!admins.list().isEmpty()) {
      return Optional.empty();
    }
    boolean generated = passwordFromEnv == null || passwordFromEnv.isBlank();
    String password = generated ? randomPassword() : passwordFromEnv;
    var now = clock.instant();
    boolean created =
        admins.create(
            new AdminAccount(USERNAME, AdminRole.KABUPATEN, null, hasher.hash(password), now, now));
    return created && generated ? Optional.of(password) : Optional.empty();
  }

  /** 16 symbols of the voucher alphabet: 80 bits, no look-alike characters to misread. */
  static String randomPassword() {
    VoucherCodes codes = new VoucherCodes(new SecureRandom());
    String a = codes.next();
    String b = codes.next();
    return (a + b).substring(0, RANDOM_SYMBOLS);
  }
}
