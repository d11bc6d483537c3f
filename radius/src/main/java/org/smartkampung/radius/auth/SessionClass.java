package org.smartkampung.radius.auth;

import java.util.Optional;

/**
 * The Class attribute value that binds a session to its village and user: {@code
 * kampung:<village>:<user>}. The NAS echoes it in accounting, so accounting charges the identity
 * that was authorized (a one-time token's user, a voucher code) rather than the User-Name.
 */
public record SessionClass(String villageId, String userId) {

  private static final String PREFIX = "kampung:";

  public String encode() {
    return PREFIX + villageId + ":" + userId;
  }

  /** Parses a Class value; empty when it is not ours. */
  public static Optional<SessionClass> parse(String value) {
    if (value == null || !value.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = value.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    if (colon <= 0 || colon == rest.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new SessionClass(rest.substring(0, colon), rest.substring(colon + 1)));
  }
}
