package org.smartkampung.core.store;

import java.util.Comparator;
import java.util.List;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.admin.AuditLog;

/** The audit log in a {@link RecordTable} keyed by entry id (ids sort by time). */
final class TableAuditLog implements AuditLog {

  private final RecordTable<AuditEntry> table;

  TableAuditLog(RecordTable<AuditEntry> table) {
    this.table = table;
  }

  @Override
  public void record(AuditEntry entry) {
    table.put(entry.id(), entry);
  }

  @Override
  public List<AuditEntry> newest(int limit) {
    return table.values().stream()
        .sorted(Comparator.comparing(AuditEntry::id).reversed())
        .limit(limit)
        .toList();
  }
}
