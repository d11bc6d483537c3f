package org.smartkampung.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.smartkampung.app.RunCommand.RoleStartException;
import org.smartkampung.core.admin.FirstOperator;
import org.smartkampung.core.config.GatewaySettings;
import org.smartkampung.core.config.HotspotHealthSettings;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.LiveConfig;
import org.smartkampung.core.config.ManagementSettings;
import org.smartkampung.core.config.PortalSettings;
import org.smartkampung.core.config.RadiusSettings;
import org.smartkampung.core.health.HotspotWatch;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.nas.RadSecLinks;
import org.smartkampung.core.report.UsageRollup;
import org.smartkampung.core.signing.SigningKeys;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.gateway.GatewayServer;
import org.smartkampung.portal.PortalServer;
import org.smartkampung.portal.admin.AdminSetup;
import org.smartkampung.radius.RadiusServer;

/** Builds the store and starts the roles the configuration enables. */
final class Wiring {

  private Wiring() {}

  /**
   * How soon console edits saved by another process reach this one's RADIUS and ledger when their
   * notice was lost (a notice brings them at once).
   */
  static final Duration LIVE_CONFIG_REFRESH = Duration.ofSeconds(60);

  /** The stores with the ledger counting against {@code limits}. */
  static KampungStores openStores(
      KampungConfig config,
      ConfigLimitsSource limits,
      Clock clock,
      PrometheusMeterRegistry registry) {
    return StoreFactory.open(config, limits, clock, registry);
  }

  /**
   * The configuration in force (file plus console edits), feeding the ledger's limits on every
   * change; makes the first kabupaten operator and prints a generated password once.
   */
  static LiveConfig liveConfig(
      KampungConfig config, AdminStores admin, ConfigLimitsSource limits, Clock clock) {
    LiveConfig live =
        new LiveConfig(
            config, admin.villageSettings(), admin.registry(), clock, LIVE_CONFIG_REFRESH);
    live.onChange(limits::update);
    live.follow(admin.invalidations());
    FirstOperator.ensure(
            admin.admins(), System.getenv(FirstOperator.PASSWORD_ENV), new PasswordHasher(), clock)
        .ifPresent(
            password -> {
              System.out.println(
                  "First admin console sign-in: username "
                      + FirstOperator.USERNAME
                      + ", password "
                      + password
                      + " (shown once; change it under /admin/sandi, or set "
                      + FirstOperator.PASSWORD_ENV
                      + " before the first start)");
              System.out.flush();
            });
    return live;
  }

  /** Starts the enabled roles; if one fails, those already started are closed again. */
  static List<Role> startRoles(
      KampungConfig config,
      LiveConfig live,
      AdminStores admin,
      KampungStores stores,
      Clock clock,
      PrometheusMeterRegistry registry) {
    List<Role> roles = new ArrayList<>();
    // The console lists the RadSec hotspots this process's RADIUS role holds connections to.
    AtomicReference<RadSecLinks> radSecLinks = new AtomicReference<>(RadSecLinks.NONE);
    try {
      if (config.radius().enabled()) {
        roles.add(startRadius(config, live, stores, clock, registry, radSecLinks));
      }
      if (config.portal().enabled()) {
        roles.add(startPortal(config, live, admin, stores, clock, registry, radSecLinks.get()));
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
      KampungConfig config,
      LiveConfig live,
      KampungStores stores,
      Clock clock,
      PrometheusMeterRegistry registry,
      AtomicReference<RadSecLinks> radSecLinks) {
    RadiusSettings settings = config.radius();
    RadiusServer server;
    try {
      server = RadiusServer.start(live, stores, clock, registry);
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
    radSecLinks.set(
        () ->
            server.radSecConnections().list().stream()
                .map(
                    c ->
                        new RadSecLinks.Link(
                            c.hotspot(), c.remote(), c.connectedSince(), c.lastRequest()))
                .toList());
    return new Role() {
      @Override
      public List<String> describe() {
        String udp =
            "RADIUS auth on udp "
                + settings.bindAddress()
                + ":"
                + server.authPort()
                + ", accounting on udp "
                + settings.bindAddress()
                + ":"
                + server.acctPort();
        if (server.radSecPort() < 0) {
          return List.of(udp);
        }
        return List.of(
            udp,
            "RadSec (RADIUS over TLS) on tcp "
                + settings.bindAddress()
                + ":"
                + server.radSecPort()
                + ", hotspots by certificate of "
                + settings.radsec().caCertificates());
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
                + (settings.radsec().enabled()
                    ? ", RADIUS and Disconnect/CoA over RadSec to "
                        + (settings.radsec().server() == null
                            ? settings.radiusServer()
                            : settings.radsec().server())
                        + ":"
                        + settings.radsec().port()
                    : ", Disconnect/CoA on udp :" + settings.dacPort()));
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  /**
   * The management listener (metrics and health), ready while {@code ready} says so.
   *
   * @throws RoleStartException when its port cannot be bound
   */
  static Role startManagement(
      ManagementSettings settings, PrometheusMeterRegistry registry, BooleanSupplier ready) {
    ManagementServer server;
    try {
      server = ManagementServer.start(settings, registry, ready);
    } catch (RuntimeException e) {
      throw new RoleStartException(
          "Management listener cannot listen on http "
              + settings.bindAddress()
              + ":"
              + settings.port()
              + ": "
              + e.getMessage(),
          e);
    }
    return new Role() {
      @Override
      public List<String> describe() {
        String base = "http://" + settings.bindAddress() + ":" + server.port();
        return List.of("Management on " + base + "/metrics (Prometheus), /healthz and /readyz");
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  /** The hotspot health watch (states, counts and the webhook) on the live configuration. */
  static Role startHotspotWatch(
      LiveConfig live, KampungStores stores, Clock clock, PrometheusMeterRegistry registry) {
    HotspotWatch watch =
        new HotspotWatch(
                live::current, stores.hotspotSightings(), clock, registry, stores.monthlyRollups())
            .start();
    UsageRollup rollup =
        new UsageRollup(live::current, stores.ledger(), stores.monthlyRollups(), clock).start();
    return new Role() {
      @Override
      public List<String> describe() {
        HotspotHealthSettings settings = live.current().hotspotHealth();
        return List.of(
            "Hotspot health: quiet after "
                + settings.quietMinutes()
                + " min, down after "
                + settings.downMinutes()
                + " min of silence in opening hours; webhook "
                + (settings.webhookUrl() == null
                    ? "off"
                    // The host only: a gateway URL often carries its token.
                    : "to " + java.net.URI.create(settings.webhookUrl()).getHost()));
      }

      @Override
      public void close() {
        watch.close();
        rollup.close();
      }
    };
  }

  private static Role startPortal(
      KampungConfig config,
      LiveConfig live,
      AdminStores admin,
      KampungStores stores,
      Clock clock,
      PrometheusMeterRegistry registry,
      RadSecLinks radSecLinks) {
    PortalSettings settings = config.portal();
    PortalServer server;
    SigningKeys keys =
        SigningKeys.rotating(
            stores.signingKeys(), clock, Duration.ofHours(settings.signingKeyRotationHours()));
    try {
      server =
          PortalServer.start(
                  null,
                  config,
                  stores,
                  clock,
                  registry,
                  keys,
                  new AdminSetup(live, admin, new PasswordHasher(), radSecLinks))
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      keys.close();
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
      keys.close();
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
                + ")",
            "Admin console on " + url.replaceAll("/+$", "") + "/admin");
      }

      @Override
      public void close() {
        server
            .close()
            .toCompletionStage()
            .toCompletableFuture()
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
        keys.close();
      }
    };
  }
}
