package org.smartkampung.portal.login;

import org.smartkampung.core.login.LoginMethod;

/** The portal's own verdict on a villager's login attempt, before any NAS is involved. */
public sealed interface Verification {

  /** The villager is who they say; {@code userId} is the identity the session charges. */
  record Verified(String userId, LoginMethod method) implements Verification {}

  /**
   * The attempt is refused; {@code messageKey} says why on the form. {@code failure} counts toward
   * the rate limit (a wrong code or password, not a missing checkbox).
   */
  record Refused(String messageKey, boolean failure) implements Verification {}

  /** The attempt cannot succeed for a reason that has its own page. */
  record Explained(Explanation explanation) implements Verification {}
}
