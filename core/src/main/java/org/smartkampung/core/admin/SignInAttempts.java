package org.smartkampung.core.admin;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts console sign-in and password attempts per key (an account and source address, a source
 * address, a name) in the store, so every portal instance enforces one limit. An attempt is
 * reserved before the password is checked, atomically, and given back when it was right; a window
 * starts at a key's first attempt and its count ends with it. Thread-safe; blocking.
 */
public interface SignInAttempts {

  /**
   * Takes one attempt for the key if fewer than {@code max} were taken in its current window.
   *
   * @return 0 when taken; else the seconds until the window ends (at least 1)
   */
  long reserve(String key, int max, Duration window, Instant now);

  /** Gives back an attempt {@link #reserve}d for the key (it was not a failure). */
  void release(String key, Instant now);

  /** Counts a failure without a limit (for a slow-down that never refuses). */
  void record(String key, Duration window, Instant now);

  /** Attempts taken for the key in its current window. */
  int count(String key, Instant now);
}
