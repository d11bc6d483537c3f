package org.smartkampung.core.admin;

import java.util.List;

/** Every change admins make, append-only, durable in the configured store. */
public interface AuditLog {

  /** Appends the entry. */
  void record(AuditEntry entry);

  /** The newest entries first, at most {@code limit}. */
  List<AuditEntry> newest(int limit);
}
