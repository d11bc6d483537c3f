package org.smartkampung.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.config.ConfigException;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.LiveConfig;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.metrics.KampungMetrics;
import org.smartkampung.core.quota.StoreUnavailableException;
import org.smartkampung.core.store.AdminStoreFactory;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.store.KampungStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kampung run}: starts every enabled role in this JVM on one store and one metrics registry,
 * prints where they listen, and runs until SIGTERM or Ctrl-C, when it stops the roles and flushes
 * counters.
 */
@Command(name = "run", description = "Run every enabled role (RADIUS server, portal, gateway).")
final class RunCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Option(
      names = {"-c", "--config"},
      description = "Configuration file (default: ${DEFAULT-VALUE}).",
      defaultValue = "config/kampung.yaml")
  Path configFile;

  @Override
  public Integer call() throws InterruptedException {
    KampungConfig config;
    try {
      config = ConfigLoader.load(configFile);
    } catch (ConfigException e) {
      CheckConfigCommand.printErrors(e);
      return ExitCodes.CONFIG;
    }
    Kampung kampung;
    try {
      kampung = Kampung.start(config, Clock.systemUTC(), KampungMetrics.createRegistry());
    } catch (StoreUnavailableException | RoleStartException e) {
      System.err.println("kampung: " + e.getMessage());
      return ExitCodes.UNAVAILABLE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("Stopping");
                  kampung.close();
                  stopped.countDown();
                },
                "kampung-shutdown"));
    System.out.println("Smart Kampung Gateway " + VersionCommand.version() + " is running.");
    kampung.describe().forEach(System.out::println);
    System.out.println("Stop with Ctrl-C.");
    System.out.flush();
    stopped.await();
    return 0;
  }

  /** A role could not start (port taken, bad address); the message says which and why. */
  static final class RoleStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RoleStartException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Everything one process runs: the store, the registry and the started roles. */
  static final class Kampung implements AutoCloseable {
    private final KampungStores stores;
    private final AdminStores admin;
    private final PrometheusMeterRegistry registry;
    private final List<Role> roles;
    private volatile boolean closing;

    private Kampung(
        KampungStores stores,
        AdminStores admin,
        PrometheusMeterRegistry registry,
        List<Role> roles) {
      this.stores = stores;
      this.admin = admin;
      this.registry = registry;
      this.roles = roles;
    }

    static Kampung start(KampungConfig config, Clock clock, PrometheusMeterRegistry registry) {
      ConfigLimitsSource limits = new ConfigLimitsSource(config);
      KampungStores stores = Wiring.openStores(config, limits, clock, registry);
      AdminStores admin;
      try {
        admin = AdminStoreFactory.open(config.store());
      } catch (RuntimeException e) {
        stores.close();
        throw e;
      }
      List<Role> roles = new ArrayList<>();
      Kampung kampung = new Kampung(stores, admin, registry, roles);
      try {
        LiveConfig live = Wiring.liveConfig(config, admin, limits, clock);
        // Closed last of the roles: it stops following the store's notices.
        roles.add(
            new Role() {
              @Override
              public List<String> describe() {
                return List.of();
              }

              @Override
              public void close() {
                live.close();
              }
            });
        roles.addAll(Wiring.startRoles(config, live, admin, stores, clock, registry));
        if (config.radius().enabled() || config.portal().enabled()) {
          roles.add(Wiring.startHotspotWatch(live, stores, clock, registry));
        }
        if (config.management().enabled()) {
          roles.add(Wiring.startManagement(config.management(), registry, kampung::ready));
        }
      } catch (RuntimeException e) {
        roles.forEach(Role::close);
        admin.close();
        stores.close();
        throw e;
      }
      return kampung;
    }

    /** Ready for traffic: not stopping, and the store answers now. */
    boolean ready() {
      return !closing && stores.ready();
    }

    List<String> describe() {
      List<String> lines = new ArrayList<>();
      roles.forEach(r -> lines.addAll(r.describe()));
      return lines;
    }

    List<Role> roles() {
      return roles;
    }

    PrometheusMeterRegistry registry() {
      return registry;
    }

    KampungStores stores() {
      return stores;
    }

    @Override
    public void close() {
      closing = true;
      // Roles first so no request arrives at a closed store; the store last flushes counters.
      for (int i = roles.size() - 1; i >= 0; i--) {
        roles.get(i).close();
      }
      admin.close();
      stores.close();
    }
  }
}
