package org.smartkampung.core.signing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys in force: time is cut into rotation periods of a fixed length, each with its own key in
 * the {@link SigningKeyStore}. New values are signed with the current period's key; a value signed
 * with the previous (or, for a neighbour whose clock is a little ahead, the next) period's key is
 * still accepted, so a token lives at least one whole period after it was made.
 *
 * <p>Keys are read from the store ahead of need on a thread of their own (the next period's key is
 * made before its period starts), so signing and verifying never wait on the store unless that
 * thread could not reach it. Thread-safe.
 */
public final class SigningKeys implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

  /** How often keys are read ahead at most. */
  private static final Duration READ_AHEAD_EVERY = Duration.ofMinutes(1);

  private static final int KEY_MIN_BYTES = 32;

  private final SigningKeyStore store;
  private final Clock clock;
  private final long rotationMillis;
  private final Map<Long, SigningKey> known = new ConcurrentHashMap<>();
  private final ScheduledExecutorService readAhead;

  private SigningKeys(SigningKeyStore store, Clock clock, Duration rotation, boolean background) {
    if (rotation.toMillis() <= 0) {
      throw new IllegalArgumentException("rotation must be positive: " + rotation);
    }
    this.store = store;
    this.clock = clock;
    this.rotationMillis = rotation.toMillis();
    if (background) {
      readAhead =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "signing-keys");
                t.setDaemon(true);
                return t;
              });
      long everyMillis = Math.max(1, Math.min(READ_AHEAD_EVERY.toMillis(), rotationMillis / 10));
      readAhead.scheduleWithFixedDelay(
          this::readAheadQuietly, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    } else {
      readAhead = null;
    }
  }

  /**
   * Keys from {@code store}, a new one every {@code rotation}. Reads the keys in force now (and the
   * next one) before returning.
   *
   * @throws RuntimeException from the store when it cannot be reached at start
   */
  public static SigningKeys rotating(SigningKeyStore store, Clock clock, Duration rotation) {
    SigningKeys keys = new SigningKeys(store, clock, rotation, true);
    try {
      keys.readAhead();
    } catch (RuntimeException e) {
      keys.close();
      throw e;
    }
    return keys;
  }

  /** Like {@link #rotating}, but reading ahead only when asked ({@link #readAhead}): for tests. */
  public static SigningKeys rotatingWithoutThread(
      SigningKeyStore store, Clock clock, Duration rotation) {
    SigningKeys keys = new SigningKeys(store, clock, rotation, false);
    keys.readAhead();
    return keys;
  }

  /** One key that never rotates (at least 32 bytes): a process on its own, or a test. */
  public static SigningKeys fixed(byte[] key) {
    if (key.length < KEY_MIN_BYTES) {
      throw new IllegalArgumentException("signing key must have at least 32 bytes");
    }
    byte[] copy = key.clone();
    SigningKeyStore one = (period, keepFor) -> copy;
    return new SigningKeys(one, Clock.systemUTC(), Duration.ofMillis(Long.MAX_VALUE), false);
  }

  /** The key new values are signed with. */
  public SigningKey current() {
    return key(period());
  }

  /**
   * The keys a value may have been signed with: the current one first, then the previous one, then
   * the next one when another process already uses it.
   */
  public List<SigningKey> accepted() {
    long now = period();
    if (rotationMillis == Long.MAX_VALUE) {
      return List.of(key(now));
    }
    List<SigningKey> keys = new ArrayList<>(3);
    keys.add(key(now));
    keys.add(key(now - 1));
    SigningKey next = known.get(now + 1);
    if (next != null) {
      keys.add(next);
    }
    return keys;
  }

  /**
   * Reads (and makes, when missing) the keys of the previous, current and next periods, and forgets
   * older ones.
   */
  public void readAhead() {
    long now = period();
    for (long p = now - 1; p <= now + 1; p++) {
      key(p);
    }
    known.keySet().removeIf(p -> p < now - 1);
  }

  private void readAheadQuietly() {
    try {
      readAhead();
    } catch (RuntimeException e) {
      log.warn("Cannot read signing keys ahead from the store, trying again: {}", e.toString());
    }
  }

  private SigningKey key(long period) {
    SigningKey k = known.get(period);
    if (k != null) {
      return k;
    }
    // Three periods: the one it signs in, the one after it (still accepted) and a margin.
    long keepMillis = rotationMillis > Long.MAX_VALUE / 3 ? Long.MAX_VALUE : rotationMillis * 3;
    SigningKey loaded = new SigningKey(period, store.keyOf(period, Duration.ofMillis(keepMillis)));
    SigningKey raced = known.putIfAbsent(period, loaded);
    return raced == null ? loaded : raced;
  }

  private long period() {
    return Math.floorDiv(clock.millis(), rotationMillis);
  }

  /** Stops reading ahead; the store belongs to the caller. */
  @Override
  public void close() {
    if (readAhead != null) {
      readAhead.shutdownNow();
    }
  }
}
