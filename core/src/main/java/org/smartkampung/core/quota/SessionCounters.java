package org.smartkampung.core.quota;

/**
 * The cumulative counters of one session as an accounting record states them, in the villager's
 * view (Gigawords already applied).
 *
 * @param inBytes bytes the villager received (downloaded) since the session started
 * @param outBytes bytes the villager sent (uploaded) since the session started
 * @param seconds seconds the session has lasted
 */
public record SessionCounters(long inBytes, long outBytes, long seconds) {

  public static final SessionCounters ZERO = new SessionCounters(0, 0, 0);

  public SessionCounters {
    if (inBytes < 0 || outBytes < 0 || seconds < 0) {
      throw new IllegalArgumentException(
          "counters must not be negative: in=" + inBytes + " out=" + outBytes + " s=" + seconds);
    }
  }

  /** Bytes both ways. */
  public long bytes() {
    return inBytes + outBytes;
  }

  /** Each counter the larger of the two. */
  SessionCounters max(SessionCounters other) {
    return new SessionCounters(
        Math.max(inBytes, other.inBytes),
        Math.max(outBytes, other.outBytes),
        Math.max(seconds, other.seconds));
  }
}
