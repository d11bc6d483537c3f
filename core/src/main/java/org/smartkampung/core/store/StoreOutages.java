package org.smartkampung.core.store;

import java.io.UncheckedIOException;
import org.smartkampung.core.quota.StoreUnavailableException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Tells a store that failed from code that failed, so a role can apply its outage policy to the
 * first and still let the second surface as a bug. Outages: Redis unreachable, timing out or
 * answering an error ({@link JedisException}), the embedded store's disk failing ({@link
 * UncheckedIOException}), and {@link StoreUnavailableException}.
 */
public final class StoreOutages {

  private StoreOutages() {}

  /** Whether {@code failure}, or one of its causes, is the store failing. */
  public static boolean isOutage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StoreUnavailableException
          || t instanceof JedisException
          || t instanceof UncheckedIOException) {
        return true;
      }
    }
    return false;
  }
}
