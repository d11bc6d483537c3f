package org.smartkampung.portal.admin.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.admin.AuditLog;

/** Writes admin changes to the audit log with an id that sorts by time. Thread-safe. */
public final class Audit {

  private final AuditLog log;
  private final Clock clock;

  public Audit(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  /**
   * Appends one entry; null texts are recorded as empty.
   *
   * @param action what was done, e.g. {@code voucher.create}
   * @param before the target as it was ("" for something new)
   * @param after the target as it is now
   */
  public void record(
      String actor, String village, String action, String target, String before, String after) {
    Instant now = clock.instant();
    String id =
        String.format(
            Locale.ROOT,
            "%015d-%s",
            now.toEpochMilli(),
            UUID.randomUUID().toString().substring(0, 8));
    log.record(
        new AuditEntry(
            id,
            now,
            actor,
            village == null ? "" : village,
            action,
            target == null ? "" : target,
            before == null ? "" : before,
            after == null ? "" : after));
  }
}
