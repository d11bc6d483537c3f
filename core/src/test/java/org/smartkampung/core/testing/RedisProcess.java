package org.smartkampung.core.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** One redis-server (or Sentinel) process a test started on a free loopback port. */
public final class RedisProcess implements AutoCloseable {

  private final int port;
  private final Process process;
  private final Path dir;
  private final String password;

  private RedisProcess(int port, Process process, Path dir, String password) {
    this.password = password;
    this.port = port;
    this.process = process;
    this.dir = dir;
  }

  /** Starts {@code redis-server} with {@code args} after the port options, and waits for PING. */
  public static RedisProcess server(Path dir, String... args) throws IOException {
    return server(dir, freePort(), args);
  }

  /** As {@link #server(Path, String...)} on a given port: a server coming back where it was. */
  public static RedisProcess server(Path dir, int port, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("redis-server", "--port", "" + port));
    command.addAll(
        List.of(
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
    command.addAll(List.of(args));
    int auth = command.indexOf("--requirepass");
    String password = auth < 0 ? null : command.get(auth + 1);
    return started(port, command, dir, "redis-" + port + ".log", password);
  }

  /** Starts a Sentinel watching {@code master} as {@code masterName}, and waits for PING. */
  public static RedisProcess sentinel(Path dir, String masterName, int masterPort)
      throws IOException {
    return sentinel(dir, masterName, masterPort, null, null);
  }

  /**
   * As {@link #sentinel(Path, String, int)}, for a master that needs {@code masterPassword}, and
   * asking {@code sentinelPassword} of its own clients (either may be null).
   */
  public static RedisProcess sentinel(
      Path dir, String masterName, int masterPort, String masterPassword, String sentinelPassword)
      throws IOException {
    int port = freePort();
    Path conf = dir.resolve("sentinel-" + port + ".conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "port " + port,
            "bind 127.0.0.1",
            "dir " + dir,
            "sentinel monitor " + masterName + " 127.0.0.1 " + masterPort + " 1",
            "sentinel down-after-milliseconds " + masterName + " 1000",
            "sentinel failover-timeout " + masterName + " 5000",
            "sentinel parallel-syncs " + masterName + " 1",
            masterPassword == null ? "" : "sentinel auth-pass " + masterName + " " + masterPassword,
            sentinelPassword == null ? "" : "requirepass " + sentinelPassword,
            ""));
    String binary =
        Files.isExecutable(Path.of("/usr/bin/redis-sentinel")) ? "redis-sentinel" : null;
    List<String> command =
        binary != null
            ? List.of(binary, conf.toString())
            : List.of("redis-server", conf.toString(), "--sentinel");
    return started(port, command, dir, "sentinel-" + port + ".log", sentinelPassword);
  }

  private static RedisProcess started(
      int port, List<String> command, Path dir, String log, String password) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(log).toFile())
            .start();
    RedisProcess started = new RedisProcess(port, process, dir, password);
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    try {
      Awaitility.await("redis on port " + port)
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(20))
          .ignoreExceptions()
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException(
                      String.join(" ", command) + " exited: " + Files.readString(dir.resolve(log)));
                }
                return started.ping();
              });
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw new IOException(
          String.join(" ", command) + " did not answer: " + Files.readString(dir.resolve(log)), e);
    }
    return started;
  }

  public int port() {
    return port;
  }

  public String address() {
    return "127.0.0.1:" + port;
  }

  public Path dir() {
    return dir;
  }

  /** A plain connection for control commands; the caller closes it. */
  public Jedis control() {
    return new Jedis(
        new HostAndPort("127.0.0.1", port),
        DefaultJedisClientConfig.builder()
            .timeoutMillis(2_000)
            .autoNegotiateProtocol(false)
            .password(password)
            .build());
  }

  public boolean alive() {
    return process.isAlive();
  }

  private boolean ping() {
    try (Jedis jedis = control()) {
      return "PONG".equals(jedis.ping());
    }
  }

  /** Freezes it (SIGSTOP): its connections stay open but it answers nothing, like a hung host. */
  public void pause() {
    signal("-STOP");
  }

  /** Lets a paused process run again (SIGCONT). */
  public void resume() {
    signal("-CONT");
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", signal, "" + process.pid()).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kill", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Kills it as a power cut would: no shutdown, no goodbye to replicas. */
  public void kill() {
    if (process.isAlive()) {
      resume(); // a stopped process would not die of SIGKILL until continued on some kernels
    }
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }

  /** A free port whose cluster bus port (port + 10000) is a valid free port too. */
  static int freePort() throws IOException {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0)) {
        int port = socket.getLocalPort();
        if (port + 10_000 > 65_535) {
          continue;
        }
        try (ServerSocket bus = new ServerSocket(port + 10_000)) {
          return port;
        } catch (IOException taken) {
          // try another
        }
      }
    }
  }
}
