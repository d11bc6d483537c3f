package org.smartkampung.core.admin;

import java.time.Instant;
import java.util.Optional;

/**
 * Admin sign-in sessions, in the configured store (embedded: this process's memory; Redis: shared
 * by every portal instance). Every session ends by itself at its expiry. Thread-safe; blocking.
 */
public interface AdminSessionStore {

  /** Keeps the session until it expires or is revoked. */
  void create(AdminSession session);

  /** The session with that id, unless revoked or expired at {@code now}. */
  Optional<AdminSession> find(String id, Instant now);

  /** Ends one session (sign-out). */
  void revoke(String id);

  /** Ends every session of the admin (disabled, password changed, deleted). */
  void revokeAll(String username);
}
