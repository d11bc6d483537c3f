package org.smartkampung.portal.admin;

import org.smartkampung.core.config.LiveConfig;
import org.smartkampung.core.nas.RadSecLinks;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.subscriber.PasswordHasher;

/**
 * What the admin console needs beyond the portal's stores.
 *
 * @param live the configuration in force; the console saves quota edits through it
 * @param stores admin accounts, village settings, landing content and the audit log
 * @param hasher hashes new admin passwords (PBKDF2, 310,000 iterations in production)
 * @param radSecLinks the hotspots connected over RadSec to the RADIUS role of this process
 */
public record AdminSetup(
    LiveConfig live, AdminStores stores, PasswordHasher hasher, RadSecLinks radSecLinks) {

  /** A console in a process without a RADIUS role (or without RadSec). */
  public AdminSetup(LiveConfig live, AdminStores stores, PasswordHasher hasher) {
    this(live, stores, hasher, RadSecLinks.NONE);
  }
}
