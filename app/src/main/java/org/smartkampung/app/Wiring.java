package org.smartkampung.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.quota.ConfigLimitsSource;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;

/** Builds the store and starts the roles the configuration enables. */
final class Wiring {

  private Wiring() {}

  static KampungStores openStores(
      KampungConfig config, Clock clock, PrometheusMeterRegistry registry) {
    return StoreFactory.open(config, new ConfigLimitsSource(config), clock, registry);
  }

  static List<Role> startRoles(
      KampungConfig config, KampungStores stores, Clock clock, PrometheusMeterRegistry registry) {
    List<Role> roles = new ArrayList<>();
    return roles;
  }
}
