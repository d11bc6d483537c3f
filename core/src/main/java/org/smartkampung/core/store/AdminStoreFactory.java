package org.smartkampung.core.store;

import java.nio.file.Path;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AdminAccountStore;
import org.smartkampung.core.admin.AdminSessionStore;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.admin.AuditLog;
import org.smartkampung.core.admin.SignInAttempts;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.RegistryStore;
import org.smartkampung.core.config.StoreSettings;
import org.smartkampung.core.config.StoreType;
import org.smartkampung.core.invalidation.Invalidations;
import org.smartkampung.core.village.LandingContent;
import org.smartkampung.core.village.LandingContentStore;
import org.smartkampung.core.village.ProductPhotoStore;
import org.smartkampung.core.village.RegisteredVillage;
import org.smartkampung.core.village.VillageSettings;
import org.smartkampung.core.village.VillageSettingsStore;
import redis.clients.jedis.UnifiedJedis;

/** Opens the admin stores on the configured backend. */
public final class AdminStoreFactory {

  private AdminStoreFactory() {}

  /**
   * Opens the configured backend: embedded journals in {@code settings.dataDir()}, or Redis (its
   * own small connection pool).
   *
   * @throws org.smartkampung.core.quota.StoreUnavailableException when Redis cannot be reached
   */
  public static AdminStores open(StoreSettings settings) {
    if (settings.type() == StoreType.REDIS) {
      UnifiedJedis jedis = RedisConnector.connect(settings.redis());
      return redis(jedis, "kampung:", jedis::close);
    }
    return embedded(settings.dataDir());
  }

  /**
   * Journals {@code admins.jsonl}, {@code village-settings.jsonl}, {@code villages.jsonl}, {@code
   * nas-clients.jsonl}... in the data directory.
   */
  public static AdminStores embedded(Path dataDir) {
    var admins = new JournalTable<>(dataDir.resolve("admins.jsonl"), AdminAccount.class);
    var settings =
        new JournalTable<>(dataDir.resolve("village-settings.jsonl"), VillageSettings.class);
    var landing = new JournalTable<>(dataDir.resolve("landing.jsonl"), LandingContent.class);
    var audit = new JournalTable<>(dataDir.resolve("audit.jsonl"), AuditEntry.class);
    var villages = new JournalTable<>(dataDir.resolve("villages.jsonl"), RegisteredVillage.class);
    var nas = new JournalTable<>(dataDir.resolve("nas-clients.jsonl"), NasClientSettings.class);
    return new Bundle(
        new TableAdminAccounts(admins),
        new TableVillageSettings(settings),
        new TableLandingContent(landing),
        new TableAuditLog(audit),
        new FileProductPhotos(dataDir),
        new TableRegistry(villages, nas),
        new EmbeddedAdminSessionStore(),
        new EmbeddedSignInAttempts(),
        Invalidations.inProcess(),
        () -> {
          admins.close();
          settings.close();
          landing.close();
          audit.close();
          villages.close();
          nas.close();
        });
  }

  /**
   * Hashes {@code <prefix>admins}, {@code <prefix>village-settings}, {@code <prefix>landing},
   * {@code <prefix>audit}, {@code <prefix>{registry}:villages} and {@code
   * <prefix>{registry}:nas-clients}; {@code closer} runs on close (the caller's client stays open
   * if it passes a no-op).
   */
  public static AdminStores redis(UnifiedJedis jedis, String prefix, Runnable closer) {
    RedisInvalidations notices = new RedisInvalidations(jedis, prefix);
    return new Bundle(
        new TableAdminAccounts(new RedisTable<>(jedis, prefix + "admins", AdminAccount.class)),
        new TableVillageSettings(
            new RedisTable<>(jedis, prefix + "village-settings", VillageSettings.class)),
        new TableLandingContent(new RedisTable<>(jedis, prefix + "landing", LandingContent.class)),
        new TableAuditLog(new RedisTable<>(jedis, prefix + "audit", AuditEntry.class)),
        new RedisProductPhotos(jedis, prefix),
        new RedisRegistry(jedis, prefix),
        new RedisAdminSessionStore(jedis, prefix),
        new RedisSignInAttempts(jedis, prefix),
        notices,
        () -> {
          notices.close();
          closer.run();
        });
  }

  private record Bundle(
      AdminAccountStore admins,
      VillageSettingsStore villageSettings,
      LandingContentStore landingContent,
      AuditLog audit,
      ProductPhotoStore productPhotos,
      RegistryStore registry,
      AdminSessionStore sessions,
      SignInAttempts signInAttempts,
      Invalidations invalidations,
      Runnable closer)
      implements AdminStores {
    @Override
    public void close() {
      closer.run();
    }
  }
}
