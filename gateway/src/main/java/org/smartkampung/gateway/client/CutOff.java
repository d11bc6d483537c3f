package org.smartkampung.gateway.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.smartkampung.gateway.radius.AccessReply;
import org.smartkampung.gateway.radius.AccountingRecord.TerminateCause;

/** The pure decision whether a session must end now, and why. */
public final class CutOff {

  private CutOff() {}

  /**
   * Why {@code session} must end at {@code now}, or empty. An octet limit reached ends it as
   * Session-Timeout, as CoovaChilli does, since RFC 2866 has no cause for it.
   */
  public static Optional<TerminateCause> due(ClientSession session, Instant now) {
    AccessReply limits = session.limits();
    if (limits.sessionTimeoutSeconds() > 0
        && secondsBetween(session.startedAt(), now) >= limits.sessionTimeoutSeconds()) {
      return Optional.of(TerminateCause.SESSION_TIMEOUT);
    }
    if (limits.idleTimeoutSeconds() > 0
        && secondsBetween(session.lastActivityAt(), now) >= limits.idleTimeoutSeconds()) {
      return Optional.of(TerminateCause.IDLE_TIMEOUT);
    }
    long total = session.upBytes() + session.downBytes();
    if ((limits.maxTotalBytes() > 0 && total >= limits.maxTotalBytes())
        || (limits.maxDownBytes() > 0 && session.downBytes() >= limits.maxDownBytes())
        || (limits.maxUpBytes() > 0 && session.upBytes() >= limits.maxUpBytes())) {
      return Optional.of(TerminateCause.SESSION_TIMEOUT);
    }
    return Optional.empty();
  }

  /** Whether an Interim-Update is due. */
  public static boolean interimDue(ClientSession session, Instant now) {
    long interval = session.limits().interimIntervalSeconds();
    return interval > 0 && secondsBetween(session.lastInterimAt(), now) >= interval;
  }

  private static long secondsBetween(Instant from, Instant to) {
    return Duration.between(from, to).toSeconds();
  }
}
