package org.smartkampung.core.admin;

import java.time.Instant;

/**
 * One change made through the admin console, API or CLI.
 *
 * @param id unique, ordered by time when compared as text
 * @param at when the change was made
 * @param actor the admin username (or "cli")
 * @param villageId the village changed; empty for regency-wide changes
 * @param action what was done, e.g. {@code quota.update}, {@code voucher.revoke}
 * @param target what was changed, e.g. a username or voucher code
 * @param before a short description of the old value; empty for a creation
 * @param after a short description of the new value; empty for a removal
 */
public record AuditEntry(
    String id,
    Instant at,
    String actor,
    String villageId,
    String action,
    String target,
    String before,
    String after) {}
