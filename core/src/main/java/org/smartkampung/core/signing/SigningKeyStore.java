package org.smartkampung.core.signing;

import java.time.Duration;

/**
 * Where the keys that sign admin cookies, CSRF tokens and villager forms live, so every instance on
 * one store signs and verifies with the same keys. Thread-safe.
 */
public interface SigningKeyStore {

  /** Bytes in a key made by a store. */
  int KEY_BYTES = 32;

  /**
   * The key of rotation {@code period}: the one already stored, else a new random one stored now
   * (durably) and kept at least {@code keepFor}. Processes asking at once all get the same key.
   *
   * @throws RuntimeException from the store when it cannot be read or written
   */
  byte[] keyOf(long period, Duration keepFor);
}
