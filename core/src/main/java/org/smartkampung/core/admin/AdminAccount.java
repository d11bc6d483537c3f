package org.smartkampung.core.admin;

import java.time.Instant;

/**
 * A person who signs in to the admin console.
 *
 * @param username unique login name, lowercase
 * @param role what the admin may administer
 * @param villageId the one village a {@link AdminRole#DESA} admin administers; null for kabupaten
 * @param passwordHash salted slow hash made by {@link
 *     org.smartkampung.core.subscriber.PasswordHasher}; never a cleartext
 * @param createdAt when the account was made
 * @param passwordChangedAt when the password was last set
 * @param disabled whether a kabupaten operator turned the account off: it cannot sign in and its
 *     sessions stop working (false in records saved before the field existed)
 */
public record AdminAccount(
    String username,
    AdminRole role,
    String villageId,
    String passwordHash,
    Instant createdAt,
    Instant passwordChangedAt,
    boolean disabled) {

  /** An enabled account. */
  public AdminAccount(
      String username,
      AdminRole role,
      String villageId,
      String passwordHash,
      Instant createdAt,
      Instant passwordChangedAt) {
    this(username, role, villageId, passwordHash, createdAt, passwordChangedAt, false);
  }

  /** Whether this admin may administer the village. */
  public boolean mayAdminister(String village) {
    return role == AdminRole.KABUPATEN || (village != null && village.equals(villageId));
  }

  public AdminAccount withPasswordHash(String hash, Instant now) {
    return new AdminAccount(username, role, villageId, hash, createdAt, now, disabled);
  }

  public AdminAccount withDisabled(boolean off) {
    return new AdminAccount(
        username, role, villageId, passwordHash, createdAt, passwordChangedAt, off);
  }

  @Override
  public String toString() {
    return "AdminAccount[username="
        + username
        + ", role="
        + role
        + ", village="
        + villageId
        + ", disabled="
        + disabled
        + "]";
  }
}
