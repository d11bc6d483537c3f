package org.smartkampung.portal.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.admin.AuditLog;

/** Records admin changes in the audit log with an id that sorts by time. */
final class AuditTrail {

  private final AuditLog log;
  private final Clock clock;

  AuditTrail(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  void record(
      String actor, String village, String action, String target, String before, String after) {
    Instant now = clock.instant();
    String id =
        String.format("%015d-%s", now.toEpochMilli(), UUID.randomUUID().toString().substring(0, 8));
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
