package org.smartkampung.core.login;

import java.time.Instant;
import java.util.Optional;

/** One-time login tokens, shared between the portal that mints and the RADIUS server that uses. */
public interface LoginTokenStore {

  /** Stores a token until it expires. */
  void mint(LoginToken token);

  /**
   * Takes the token with that username, atomically: of two concurrent callers at most one gets it,
   * and an expired token is never returned.
   */
  Optional<LoginToken> consume(String username, Instant now);
}
