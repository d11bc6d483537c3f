package org.smartkampung.core.store;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.quota.LimitsSource;

/** Opens the store the configuration names: embedded (default) or Redis. */
public final class StoreFactory {

  private StoreFactory() {}

  /**
   * Opens the configured store.
   *
   * @throws org.smartkampung.core.quota.StoreUnavailableException when Redis is configured but
   *     cannot be reached, with a message naming host:port
   */
  public static KampungStores open(
      KampungConfig config, LimitsSource limits, Clock clock, MeterRegistry registry) {
    throw new UnsupportedOperationException("not yet");
  }
}
