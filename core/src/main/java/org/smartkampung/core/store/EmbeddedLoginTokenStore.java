package org.smartkampung.core.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.login.LoginTokenStore;

/**
 * Login tokens in memory only: they live about two minutes, so a restart costs at most a villager a
 * second tap. Thread-safe; consume is an atomic remove. The clock only drives the sweep that drops
 * tokens nobody consumed.
 */
public final class EmbeddedLoginTokenStore implements LoginTokenStore {

  /** Sweep expired tokens once per this many mints, so the map stays bounded without a thread. */
  private static final int SWEEP_EVERY_MINTS = 256;

  private final Clock clock;
  private final ConcurrentMap<String, LoginToken> tokens = new ConcurrentHashMap<>();
  private final AtomicLong mints = new AtomicLong();

  public EmbeddedLoginTokenStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void mint(LoginToken token) {
    tokens.put(token.username(), token);
    if (mints.incrementAndGet() % SWEEP_EVERY_MINTS == 0) {
      Instant now = clock.instant();
      tokens.values().removeIf(t -> !now.isBefore(t.expiresAt()));
    }
  }

  @Override
  public Optional<LoginToken> consume(String username, Instant now) {
    LoginToken token = tokens.remove(username);
    if (token == null || !now.isBefore(token.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(token);
  }

  /** Tokens held, expired ones not yet swept included (for tests and metrics). */
  int size() {
    return tokens.size();
  }
}
