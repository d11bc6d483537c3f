package org.smartkampung.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.smartkampung.app.RunCommand.RoleStartException;
import org.smartkampung.core.config.GatewaySettings;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.PortalSettings;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.quota.ConfigLimitsSource;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.gateway.GatewayServer;
import org.smartkampung.portal.PortalServer;
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
      if (config.portal().enabled()) {
        roles.add(startPortal(config, stores, clock, registry));
      }
      if (config.gateway().enabled()) {
        roles.add(startGateway(config, stores, clock, registry));
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

  private static Role startGateway(
      KampungConfig config, KampungStores stores, Clock clock, PrometheusMeterRegistry registry) {
    GatewaySettings settings = config.gateway();
    GatewayServer server;
    try {
      server = GatewayServer.start(config, stores, clock, registry);
    } catch (RuntimeException e) {
      throw new RoleStartException(
          "Gateway cannot take interface " + settings.clientInterface() + ": " + e.getMessage(), e);
    }
    return new Role() {
      @Override
      public List<String> describe() {
        return List.of(
            "Gateway "
                + settings.id()
                + " on "
                + settings.clientInterface()
                + ": captive HTTP on tcp :"
                + settings.httpPort()
                + ", authorize API on http://"
                + settings.apiBindAddress()
                + ":"
                + settings.apiPort()
                + ", DNS on udp :"
                + settings.dnsPort()
                + ", Disconnect/CoA on udp :"
                + settings.dacPort());
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  private static Role startPortal(
      KampungConfig config, KampungStores stores, Clock clock, PrometheusMeterRegistry registry) {
    PortalSettings settings = config.portal();
    PortalServer server;
    try {
      server =
          PortalServer.start(null, config, stores, clock, registry)
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new RoleStartException(
          "Portal cannot listen on http "
              + settings.bindAddress()
              + ":"
              + settings.port()
              + ": "
              + cause.getMessage(),
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RoleStartException("Interrupted while starting the portal", e);
    }
    return new Role() {
      @Override
      public List<String> describe() {
        String url = settings.publicUrl();
        return List.of(
            "Portal on http://"
                + settings.bindAddress()
                + ":"
                + server.port()
                + "/ (villagers reach it at "
                + url
                + ")");
      }

      @Override
      public void close() {
        server
            .close()
            .toCompletionStage()
            .toCompletableFuture()
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
      }
    };
  }
}
