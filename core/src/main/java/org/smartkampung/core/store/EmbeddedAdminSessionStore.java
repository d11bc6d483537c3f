package org.smartkampung.core.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.smartkampung.core.admin.AdminSession;
import org.smartkampung.core.admin.AdminSessionStore;

/**
 * Admin sessions in this process's memory: the embedded store serves one process, and a restart
 * only asks the operators to sign in again. Expired sessions are swept as new ones are made, so the
 * map stays bounded by the sign-ins of one session lifetime. "Now" is the callers' clock, as last
 * passed to {@link #find}, so a test clock and the sweep agree.
 */
public final class EmbeddedAdminSessionStore implements AdminSessionStore {

  private static final int SWEEP_EVERY_CREATES = 64;

  private final Map<String, AdminSession> sessions = new ConcurrentHashMap<>();
  private final AtomicLong creates = new AtomicLong();
  private volatile Instant lastNow = Instant.MIN;

  public EmbeddedAdminSessionStore() {}

  @Override
  public void create(AdminSession session) {
    sessions.put(session.id(), session);
    if (creates.incrementAndGet() % SWEEP_EVERY_CREATES == 0) {
      Instant now = lastNow;
      sessions.values().removeIf(s -> !now.isBefore(s.expiresAt()));
    }
  }

  @Override
  public Optional<AdminSession> find(String id, Instant now) {
    lastNow = now;
    AdminSession s = id == null ? null : sessions.get(id);
    return s != null && now.isBefore(s.expiresAt()) ? Optional.of(s) : Optional.empty();
  }

  @Override
  public void revoke(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  @Override
  public void revokeAll(String username) {
    sessions.values().removeIf(s -> s.username().equals(username));
  }
}
