package org.smartkampung.core.admin;

import java.util.List;
import java.util.Optional;

/** Admin accounts, durable in the configured store. Usernames are unique. */
public interface AdminAccountStore {

  Optional<AdminAccount> find(String username);

  /** Creates the account; false, changing nothing, when the username is taken. */
  boolean create(AdminAccount account);

  /** Replaces an existing account; false when there is none with that username. */
  boolean update(AdminAccount account);

  /** Deletes the account; false when there was none. */
  boolean delete(String username);

  /** Every account, ordered by username. */
  List<AdminAccount> list();
}
