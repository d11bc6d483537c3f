package org.smartkampung.portal.admin;

import org.smartkampung.core.config.LiveConfig;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.subscriber.PasswordHasher;

/**
 * What the admin console needs beyond the portal's stores.
 *
 * @param live the configuration in force; the console saves quota edits through it
 * @param stores admin accounts, village settings, landing content and the audit log
 * @param hasher hashes new admin passwords (PBKDF2, 310,000 iterations in production)
 */
public record AdminSetup(LiveConfig live, AdminStores stores, PasswordHasher hasher) {}
