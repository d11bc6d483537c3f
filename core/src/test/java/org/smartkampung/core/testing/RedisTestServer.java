package org.smartkampung.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.smartkampung.core.config.RedisSettings;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * A real redis-server for tests. Uses {@code KAMPUNG_TEST_REDIS_URI} when the test command started
 * one; otherwise starts {@code redis-server} from PATH on a free loopback port, once per JVM. When
 * neither is possible the calling test is skipped with a clear message, unless the system property
 * {@code kampung.requireExternal} is true (CI), where it fails instead.
 */
public final class RedisTestServer {

  private static String uri;
  private static Process process;

  private RedisTestServer() {}

  /** The URI of a running test Redis; skips or fails the test when none can be had. */
  public static synchronized String uri() {
    if (uri != null) {
      return uri;
    }
    String fromEnv = System.getenv("KAMPUNG_TEST_REDIS_URI");
    if (fromEnv != null && !fromEnv.isBlank()) {
      uri = fromEnv;
      announce("started by the test command");
      return uri;
    }
    String problem = startLocal();
    if (problem != null) {
      if (Boolean.getBoolean("kampung.requireExternal")) {
        throw new IllegalStateException("A real redis-server is required here: " + problem);
      }
      assumeTrue(false, "Redis tests skipped: " + problem + " (apt-get install redis-server)");
    }
    return uri;
  }

  /** Settings pointing at the test Redis, with a short timeout so failures surface quickly. */
  public static RedisSettings settings() {
    return new RedisSettings(uri(), 1000, 8);
  }

  /** A client on the test Redis, for assertions on keys. */
  public static UnifiedJedis client() {
    return RedisClient.create(java.net.URI.create(uri()));
  }

  /** Says in the test log which real Redis the tests use, so a reader can check they ran. */
  private static void announce(String how) {
    String version = "?";
    try (UnifiedJedis jedis = RedisClient.create(java.net.URI.create(uri))) {
      for (String line : jedis.info("server").split("\r?\n")) {
        if (line.startsWith("redis_version:")) {
          version = line.substring("redis_version:".length());
        }
      }
    } catch (RuntimeException e) {
      throw new IllegalStateException("test Redis at " + uri + " does not answer", e);
    }
    System.out.println(
        "RedisTestServer: real redis-server " + version + " at " + uri + " (" + how + ")");
  }

  private static String startLocal() {
    try {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Path dir = Files.createTempDirectory("kampung-redis");
      process =
          new ProcessBuilder(
                  "redis-server",
                  "--port",
                  String.valueOf(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--dir",
                  dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
      String candidate = "redis://127.0.0.1:" + port;
      Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
      while (Instant.now().isBefore(deadline)) {
        try (UnifiedJedis jedis = RedisClient.create(java.net.URI.create(candidate))) {
          jedis.ping();
          uri = candidate;
          announce("started by RedisTestServer");
          return null;
        } catch (RuntimeException notYet) {
          if (!process.isAlive()) {
            return "redis-server exited at start";
          }
          Thread.onSpinWait();
        }
      }
      return "redis-server did not answer within 10 s";
    } catch (IOException e) {
      return "redis-server is not on PATH (" + e.getMessage() + ")";
    }
  }
}
