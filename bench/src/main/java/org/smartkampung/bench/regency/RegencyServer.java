package org.smartkampung.bench.regency;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.radius.RadiusServer;

/**
 * One of the regency's RADIUS servers for the evening simulation, on Redis, with {@link
 * RegencyPlan}'s villages and hotspots; {@code seed} creates the plan's subscribers first (one
 * server does it). Runs until killed.
 *
 * <pre>RegencyServer AUTH_PORT REDIS RUN VILLAGES HOTSPOTS USERS_PER_HOTSPOT seed|noseed</pre>
 *
 * REDIS is {@code redis://host:port} or {@code cluster:host:port,host:port,...}.
 */
public final class RegencyServer implements AutoCloseable {

  private final KampungStores stores;
  private final RadiusServer radius;

  private RegencyServer(KampungStores stores, RadiusServer radius) {
    this.stores = stores;
    this.radius = radius;
  }

  /** Starts a server for {@code plan}; seeds the subscribers when asked. */
  public static RegencyServer start(RegencyPlan plan, String redis, int authPort, boolean seed)
      throws Exception {
    KampungConfig config =
        plan.config(
            Files.createTempDirectory("kampung-regency"), RegencyPlan.redis(redis), authPort);
    Clock clock = Clock.systemUTC();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    KampungStores stores =
        StoreFactory.open(config, new ConfigLimitsSource(config), clock, registry);
    if (seed) {
      // A cheap hash: the simulation measures the store and the RADIUS path, not PBKDF2.
      String hash = new PasswordHasher(1_000).hash(RegencyPlan.PASSWORD);
      for (int h = 0; h < plan.hotspots(); h++) {
        for (int u = 0; u < plan.usersPerHotspot(); u++) {
          String name = plan.user(h, u);
          stores
              .subscribers()
              .create(new Subscriber(name, plan.villageOf(h), hash, name, true, null));
        }
      }
    }
    return new RegencyServer(stores, RadiusServer.start(config, stores, clock, registry));
  }

  public int authPort() {
    return radius.authPort();
  }

  @Override
  public void close() {
    radius.close();
    stores.close();
  }

  public static void main(String[] args) throws Exception {
    RegencyPlan plan =
        new RegencyPlan(
            args[2],
            Integer.parseInt(args[3]),
            Integer.parseInt(args[4]),
            Integer.parseInt(args[5]));
    RegencyServer server = start(plan, args[1], Integer.parseInt(args[0]), args[6].equals("seed"));
    System.out.println("ready auth=" + server.authPort());
    new CountDownLatch(1).await();
  }
}
