package org.smartkampung.core.admin;

import java.time.Instant;

/**
 * A signed-in admin, kept in the store so that signing out, disabling the account or changing the
 * password ends it on every instance at once.
 *
 * @param id random id the session cookie names
 * @param username whose session
 * @param nonce random value the session's CSRF tokens are bound to
 * @param expiresAt the session ends at this instant even if nobody ends it
 */
public record AdminSession(String id, String username, String nonce, Instant expiresAt) {

  @Override
  public String toString() {
    return "AdminSession[username=" + username + ", expiresAt=" + expiresAt + "]";
  }
}
