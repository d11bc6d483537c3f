package org.smartkampung.core.subscriber;

/**
 * A villager with a username and password (as opposed to a voucher or click-through user).
 *
 * @param username unique login name, lowercase
 * @param villageId the village the subscriber belongs to
 * @param passwordHash salted slow hash as made by {@link PasswordHasher}; never a cleartext
 * @param displayName name shown to admins; may equal the username
 * @param enabled false when an admin disabled the account
 * @param quotaOverride per-subscriber limits replacing the village policy's user limits; null when
 *     the policy applies
 */
public record Subscriber(
    String username,
    String villageId,
    String passwordHash,
    String displayName,
    boolean enabled,
    QuotaOverride quotaOverride) {

  @Override
  public String toString() {
    return "Subscriber[username="
        + username
        + ", village="
        + villageId
        + ", enabled="
        + enabled
        + "]";
  }
}
