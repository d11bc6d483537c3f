package org.smartkampung.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.smartkampung.app.RunCommand.RoleStartException;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.quota.ConfigLimitsSource;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.radius.RadiusServer;

/** Builds the store and starts the roles the configuration enables. */
final class Wiring {

  private Wiring() {}

  static KampungStores openStores(
      KampungConfig config, Clock clock, PrometheusMeterRegistry registry) {
    return StoreFactory.open(config, new ConfigLimitsSource(config), clock, registry);
  }

  /** Starts the enabled roles; if one fails, those already started are closed again. */
  static List<Role> startRoles(
      KampungConfig config, KampungStores stores, Clock clock, PrometheusMeterRegistry registry) {
    List<Role> roles = new ArrayList<>();
    try {
      if (config.radius().enabled()) {
        roles.add(startRadius(config, stores, clock, registry));
      }
    } catch (RuntimeException e) {
      roles.forEach(Role::close);
      throw e;
    }
    return roles;
  }

  private static Role startRadius(
      KampungConfig config, KampungStores stores, Clock clock, PrometheusMeterRegistry registry) {
    RadiusSettings settings = config.radius();
    RadiusServer server;
    try {
      server = RadiusServer.start(config, stores, clock, registry);
    } catch (RuntimeException e) {
      throw new RoleStartException(
          "RADIUS server cannot listen on udp "
              + settings.bindAddress()
              + ":"
              + settings.authPort()
              + "/"
              + settings.acctPort()
              + ": "
              + e.getMessage(),
          e);
    }
    return new Role() {
      @Override
      public List<String> describe() {
        return List.of(
            "RADIUS auth on udp "
                + settings.bindAddress()
                + ":"
                + server.authPort()
                + ", accounting on udp "
                + settings.bindAddress()
                + ":"
                + server.acctPort());
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }
}
