package org.smartkampung.core.config;

/**
 * A subscriber the config creates at first start if the store has none by that name.
 *
 * @param username login name
 * @param village village id
 * @param passwordHash hash made by {@code kampung hash-password}; never a cleartext password
 * @param displayName name shown to admins
 */
public record SubscriberSeed(
    String username, String village, String passwordHash, String displayName) {}
