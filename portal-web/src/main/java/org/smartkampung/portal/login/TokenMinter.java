package org.smartkampung.portal.login;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.smartkampung.core.login.LoginMethod;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.login.LoginTokenStore;

/** Mints the one-time login tokens the NAS logs in with; random, single use, short-lived. */
public final class TokenMinter {

  /** How long the NAS has to send its Access-Request after the portal minted the token. */
  public static final Duration VALIDITY = Duration.ofMinutes(2);

  private static final String USERNAME_PREFIX = "kt-";

  private final SecureRandom random = new SecureRandom();
  private final LoginTokenStore store;
  private final Clock clock;

  public TokenMinter(LoginTokenStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Makes, stores and returns a fresh token for the verified villager, usable only at {@code
   * hotspot} by the device with {@code deviceMac}.
   */
  public LoginToken mint(
      String villageId, String userId, LoginMethod method, String deviceMac, String hotspot) {
    LoginToken token =
        new LoginToken(
            USERNAME_PREFIX + randomHex(8),
            randomHex(16),
            villageId,
            userId,
            method,
            deviceMac,
            hotspot,
            clock.instant().plus(VALIDITY));
    store.mint(token);
    return token;
  }

  private String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
