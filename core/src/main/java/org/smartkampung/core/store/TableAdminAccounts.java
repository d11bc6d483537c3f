package org.smartkampung.core.store;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AdminAccountStore;

/** Admin accounts in a {@link RecordTable} keyed by username. */
final class TableAdminAccounts implements AdminAccountStore {

  private final RecordTable<AdminAccount> table;

  TableAdminAccounts(RecordTable<AdminAccount> table) {
    this.table = table;
  }

  @Override
  public Optional<AdminAccount> find(String username) {
    return username == null ? Optional.empty() : table.get(username);
  }

  @Override
  public boolean create(AdminAccount account) {
    return table.putIfAbsent(account.username(), account);
  }

  @Override
  public boolean update(AdminAccount account) {
    return table.replace(account.username(), account);
  }

  @Override
  public boolean delete(String username) {
    return table.remove(username);
  }

  @Override
  public List<AdminAccount> list() {
    return table.values().stream().sorted(Comparator.comparing(AdminAccount::username)).toList();
  }
}
