package org.smartkampung.core.store;

import org.smartkampung.core.admin.AdminAccountStore;
import org.smartkampung.core.admin.AdminSessionStore;
import org.smartkampung.core.admin.AuditLog;
import org.smartkampung.core.admin.SignInAttempts;
import org.smartkampung.core.config.RegistryStore;
import org.smartkampung.core.invalidation.Invalidations;
import org.smartkampung.core.village.LandingContentStore;
import org.smartkampung.core.village.ProductPhotoStore;
import org.smartkampung.core.village.VillageSettingsStore;

/**
 * The admin console's stores, on the same backend as {@link KampungStores}: embedded journals in
 * the data directory, or hashes in Redis. Opened by {@link AdminStoreFactory}.
 */
public interface AdminStores extends AutoCloseable {

  AdminAccountStore admins();

  VillageSettingsStore villageSettings();

  LandingContentStore landingContent();

  AuditLog audit();

  /** Produk Desa photos uploaded in the console. */
  ProductPhotoStore productPhotos();

  /** Villages and NAS clients added in the console. */
  RegistryStore registry();

  /** Signed-in admins' sessions, revocable on every instance. */
  AdminSessionStore sessions();

  /** Sign-in and password attempts, counted for every instance alike. */
  SignInAttempts signInAttempts();

  /** Notices of edits to the configuration in force, heard by every process on the store. */
  Invalidations invalidations();

  /** Releases files or connections. */
  @Override
  void close();
}
