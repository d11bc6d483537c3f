package org.smartkampung.core.quota;

/**
 * The rule that turns what the ledger remembers of a session and a new record into what is charged.
 * A session's absolute counters decide, so the same record, a late record or a record retried at
 * another server instance adds nothing. {@code ledger.lua} implements the same rule on Redis; the
 * ledger contract tests hold both to it.
 *
 * <ul>
 *   <li>First record of a session: everything it states.
 *   <li>Open session: each counter on its own. Up: the difference. Down while session time went up:
 *       a 32-bit counter wrapped (a NAS without Gigawords), charge {@code 2^32 - previous +
 *       current}. Every counter and the time down: a NAS that restarted the session counts from
 *       zero if the new session time fits in the time since the previous record, else the record is
 *       older than the one before it (delivered late) and charges nothing.
 *   <li>Closed session (after its Stop, Accounting-On/Off or the lost-session sweep): only a
 *       positive remainder of each counter; nothing is ever counted twice. A Start later than the
 *       close opens the id anew (NAS that reuses ids after a reboot).
 * </ul>
 */
public final class SessionCharge {

  /** Where a 32-bit octet counter without Gigawords wraps. */
  public static final long WRAP = 1L << 32;

  /** Clock difference between NAS, servers and Redis that a restart judgement forgives. */
  public static final long CLOCK_TOLERANCE_MILLIS = 2_000;

  /**
   * What one record does.
   *
   * @param charged what to add to the user's and village's counters
   * @param kept the counters to remember for the session from now on
   * @param newestEvent whether the record is newer than every record seen before (its event time
   *     becomes the session's)
   */
  public record Outcome(SessionCounters charged, SessionCounters kept, boolean newestEvent) {}

  private SessionCharge() {}

  /** The first record of a session the ledger does not know: all of it. */
  public static Outcome first(SessionCounters next) {
    return new Outcome(next, next, true);
  }

  /** A record of a closed session: what it states beyond the remembered counters, if anything. */
  public static Outcome closed(SessionCounters previous, SessionCounters next) {
    return new Outcome(remainder(previous, next), previous.max(next), false);
  }

  /**
   * A record of an open session.
   *
   * @param elapsedMillis event time of this record minus that of the newest record before it
   * @param start whether the record is a Start (which never restarts counting: a late Start)
   */
  public static Outcome open(
      SessionCounters previous, SessionCounters next, long elapsedMillis, boolean start) {
    boolean noneUp =
        next.seconds() <= previous.seconds()
            && next.inBytes() <= previous.inBytes()
            && next.outBytes() <= previous.outBytes();
    if (noneUp && !next.equals(previous)) {
      boolean restarted = !start && next.seconds() * 1000 <= elapsedMillis + CLOCK_TOLERANCE_MILLIS;
      return restarted
          ? new Outcome(next, next, true)
          : new Outcome(SessionCounters.ZERO, previous, false);
    }
    boolean timeWentOn = next.seconds() > previous.seconds();
    SessionCounters charged =
        new SessionCounters(
            delta(previous.inBytes(), next.inBytes(), timeWentOn),
            delta(previous.outBytes(), next.outBytes(), timeWentOn),
            Math.max(0, next.seconds() - previous.seconds()));
    boolean newer = next.seconds() >= previous.seconds();
    return new Outcome(charged, newer ? next : previous.max(next), newer);
  }

  private static long delta(long previous, long next, boolean timeWentOn) {
    if (next >= previous) {
      return next - previous;
    }
    if (timeWentOn && previous < WRAP && next < WRAP) {
      return WRAP - previous + next;
    }
    return 0;
  }

  private static SessionCounters remainder(SessionCounters previous, SessionCounters next) {
    return new SessionCounters(
        Math.max(0, next.inBytes() - previous.inBytes()),
        Math.max(0, next.outBytes() - previous.outBytes()),
        Math.max(0, next.seconds() - previous.seconds()));
  }
}
