package org.smartkampung.core.config;

/**
 * How subscriber passwords (slow PBKDF2 hashes) are checked on Access-Requests: on threads of their
 * own, so vouchers, tokens, accounting and Status-Server never wait behind them, and remembered for
 * a while once checked.
 *
 * @param threads threads for the checks; 0 (default) = one less than the cores, at least 1; never
 *     more than that
 * @param queue checks that may wait for a thread; beyond, requests are dropped unanswered and
 *     counted, and the hotspot retransmits (default 64)
 * @param cacheMinutes how long a right password is remembered as a keyed hash, never in clear; 0
 *     remembers none (default 60)
 * @param wrongCacheSeconds how long a wrong password is remembered, so a phone retrying a stale
 *     password costs no hash; 0 remembers none (default 10)
 * @param cacheEntries most remembered passwords of each kind (default 100,000)
 */
public record PasswordCheckSettings(
    Integer threads,
    Integer queue,
    Integer cacheMinutes,
    Integer wrongCacheSeconds,
    Integer cacheEntries) {

  public static final PasswordCheckSettings DEFAULTS =
      new PasswordCheckSettings(null, null, null, null, null);

  public PasswordCheckSettings {
    threads = threads == null ? 0 : threads;
    queue = queue == null ? 64 : queue;
    cacheMinutes = cacheMinutes == null ? 60 : cacheMinutes;
    wrongCacheSeconds = wrongCacheSeconds == null ? 10 : wrongCacheSeconds;
    cacheEntries = cacheEntries == null ? 100_000 : cacheEntries;
  }

  /** The threads to start on a machine with {@code cores} cores: at most cores - 1, at least 1. */
  public int threadsFor(int cores) {
    int most = Math.max(1, cores - 1);
    return threads == 0 ? most : Math.min(threads, most);
  }
}
