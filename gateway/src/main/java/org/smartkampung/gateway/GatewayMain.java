package org.smartkampung.gateway;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.smartkampung.core.config.ConfigException;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.store.StoreFactory;

/**
 * Runs the gateway role alone: {@code java ... GatewayMain /etc/kampung/kampung.yaml}. Prints
 * {@code GATEWAY READY} when it serves, stops cleanly on SIGTERM. {@code kampung run} is the usual
 * way; this entry point serves tests and boxes that run only the gateway.
 */
public final class GatewayMain {

  private GatewayMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: GatewayMain <kampung.yaml>");
      System.exit(2);
    }
    KampungConfig config;
    try {
      config = ConfigLoader.load(Path.of(args[0]));
    } catch (ConfigException e) {
      e.errors().forEach(System.err::println);
      System.exit(2);
      return;
    }
    Clock clock = Clock.systemUTC();
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    KampungStores stores =
        StoreFactory.open(config, new ConfigLimitsSource(config), clock, metrics);
    GatewayServer gateway = GatewayServer.start(config, stores, clock, metrics);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gateway.close();
                  stores.close();
                  stopped.countDown();
                }));
    System.out.println("GATEWAY READY");
    System.out.flush();
    stopped.await();
  }
}
