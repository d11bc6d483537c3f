package org.smartkampung.core.quota;

/**
 * One accounting record as the ledger needs it.
 *
 * @param kind Start, Interim-Update or Stop
 * @param totals the session's cumulative counters the record states
 * @param delaySeconds Acct-Delay-Time: how long the NAS held the record before this send, so the
 *     record describes the session as it was that many seconds ago
 */
public record AccountingEvent(Kind kind, SessionCounters totals, long delaySeconds) {

  /** The Acct-Status-Type values that concern one session. */
  public enum Kind {
    START,
    INTERIM,
    STOP
  }

  public AccountingEvent {
    if (delaySeconds < 0) {
      throw new IllegalArgumentException("delay must not be negative: " + delaySeconds);
    }
  }

  public static AccountingEvent start() {
    return new AccountingEvent(Kind.START, SessionCounters.ZERO, 0);
  }

  public static AccountingEvent interim(long inBytes, long outBytes, long seconds) {
    return new AccountingEvent(Kind.INTERIM, new SessionCounters(inBytes, outBytes, seconds), 0);
  }

  public static AccountingEvent stop(long inBytes, long outBytes, long seconds) {
    return new AccountingEvent(Kind.STOP, new SessionCounters(inBytes, outBytes, seconds), 0);
  }

  /** The same record as if the NAS had held it {@code seconds} (a retransmit). */
  public AccountingEvent delayed(long seconds) {
    return new AccountingEvent(kind, totals, seconds);
  }
}
