package org.smartkampung.core.config;

import java.nio.file.Path;

/**
 * Where counters and admin data live.
 *
 * @param type {@link StoreType#EMBEDDED} (the default) or {@link StoreType#REDIS}
 * @param dataDir directory for the embedded store's snapshots and journal
 * @param snapshotIntervalSeconds how often the embedded store writes its counters to disk: at most
 *     this many seconds of counters are lost in a crash
 * @param nearCacheStaleMillis longest time the near-cache may answer "exhausted or not" from memory
 *     before asking the store again
 * @param redis Redis connection, used when type is redis
 */
public record StoreSettings(
    StoreType type,
    Path dataDir,
    Integer snapshotIntervalSeconds,
    Integer nearCacheStaleMillis,
    RedisSettings redis) {

  public static final StoreSettings DEFAULTS = new StoreSettings(null, null, null, null, null);

  public StoreSettings {
    type = type == null ? StoreType.EMBEDDED : type;
    dataDir = dataDir == null ? Path.of("data") : dataDir;
    snapshotIntervalSeconds = snapshotIntervalSeconds == null ? 5 : snapshotIntervalSeconds;
    nearCacheStaleMillis = nearCacheStaleMillis == null ? 1000 : nearCacheStaleMillis;
    redis = redis == null ? RedisSettings.DEFAULTS : redis;
  }
}
