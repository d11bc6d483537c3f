package org.smartkampung.portal.admin;

import org.smartkampung.portal.admin.service.Audit;

/** Records admin changes in the audit log; the console's handle on {@link Audit}. */
final class AuditTrail {

  private final Audit audit;

  AuditTrail(Audit audit) {
    this.audit = audit;
  }

  void record(
      String actor, String village, String action, String target, String before, String after) {
    audit.record(actor, village, action, target, before, after);
  }
}
