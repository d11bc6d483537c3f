package org.smartkampung.core.config;

/**
 * How to reach Redis.
 *
 * @param uri {@code redis://[user:password@]host:port[/db]}
 * @param timeoutMillis longest a single Redis call may take before the caller gets a typed failure
 * @param poolSize connections in the pool
 */
public record RedisSettings(String uri, Integer timeoutMillis, Integer poolSize) {

  public static final RedisSettings DEFAULTS = new RedisSettings(null, null, null);

  public RedisSettings {
    uri = uri == null ? "redis://127.0.0.1:6379" : uri;
    timeoutMillis = timeoutMillis == null ? 500 : timeoutMillis;
    poolSize = poolSize == null ? 16 : poolSize;
  }
}
