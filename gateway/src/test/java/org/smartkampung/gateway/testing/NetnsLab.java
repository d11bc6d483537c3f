package org.smartkampung.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.smartkampung.gateway.firewall.CommandRunner;

/**
 * Network namespaces a test creates and always removes: each {@link #namespace} is fresh, and
 * {@link #close} kills what was started in them and deletes them. Tests that need this call {@link
 * #requireRootAnd} first: without root (or a needed command) they skip with a message, or fail when
 * the system property {@code kampung.requireExternal} is true (CI, root runs).
 */
public final class NetnsLab implements AutoCloseable {

  private final String prefix =
      "kgw" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  /** Skips (or fails when required) unless running as root with every command on the PATH. */
  public static void requireRootAnd(String... commands) {
    require(true, commands);
  }

  /** Skips (or fails when required) unless every command is on the PATH. */
  public static void requireCommands(String... commands) {
    require(false, commands);
  }

  private static void require(boolean root, String... commands) {
    List<String> missing = new ArrayList<>();
    if (root && !isRoot()) {
      missing.add("root (network namespaces, nft and tc need it)");
    }
    for (String command : commands) {
      if (!onPath(command)) {
        missing.add("command '" + command + "'");
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String message = "needs " + String.join(", ", missing);
    if (Boolean.getBoolean("kampung.requireExternal")) {
      Assertions.fail(
          message + " (kampung.requireExternal=true, so this fails instead of skipping)");
    }
    Assumptions.abort(message + "; skipped");
  }

  private static boolean isRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", command))
        || Files.isExecutable(Path.of("/sbin", command));
  }

  /** Creates a namespace with loopback up; returns its name. */
  public String namespace(String role) {
    String name = prefix + "-" + role;
    mustRun(List.of("ip", "netns", "add", name));
    namespaces.add(name);
    mustRun(List.of("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up"));
    return name;
  }

  /** Joins two namespaces with a veth pair and gives each end an address (CIDR form). */
  public void link(String nsA, String ifA, String addrA, String nsB, String ifB, String addrB) {
    mustRun(
        List.of(
            "ip", "link", "add", ifA, "netns", nsA, "type", "veth", "peer", "name", ifB, "netns",
            nsB));
    sh(nsA, "ip addr add " + addrA + " dev " + ifA + " && ip link set " + ifA + " up");
    sh(nsB, "ip addr add " + addrB + " dev " + ifB + " && ip link set " + ifB + " up");
  }

  /** Runs a command in a namespace. */
  public CommandRunner.Result exec(String ns, String... command) {
    return runner(ns).run(List.of(command));
  }

  /** Runs a shell script in a namespace and requires it to succeed; returns its output. */
  public String sh(String ns, String script) {
    CommandRunner.Result r = runner(ns).run(List.of("sh", "-c", script));
    assertThat(r.exitCode()).as("%s in %s: %s", script, ns, r.stderr()).isZero();
    return r.stdout();
  }

  public CommandRunner runner(String ns) {
    return new CommandRunner(List.of("ip", "netns", "exec", ns));
  }

  /** Starts a long-running process in a namespace, output to {@code log}; killed by close. */
  public Process spawn(String ns, List<String> command, Path log) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    full.addAll(command);
    Process p =
        new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(p);
    return p;
  }

  /**
   * One HTTP request with curl from {@code ns}, not followed: "<http code> <redirect url>", or "000
   * " when it could not connect.
   */
  public String curlStatus(String ns, int maxTimeSeconds, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "curl",
                "-s",
                "-o",
                "/dev/null",
                "--max-time",
                Integer.toString(maxTimeSeconds),
                "-w",
                "%{http_code} %{redirect_url}"));
    command.addAll(List.of(args));
    return runner(ns).run(command).stdout().trim();
  }

  /**
   * Stops {@code server} (SIGTERM) if it still runs, then closes the lab and deletes {@code
   * scratch}, even when the stop fails: what an end-to-end test's tear-down does.
   */
  public void closeAfter(Process server, Path scratch) throws InterruptedException {
    try {
      if (server != null && server.isAlive()) {
        stop(server, 20);
      }
    } finally {
      close();
      CommandRunner.local().run(List.of("rm", "-rf", scratch.toString()));
    }
  }

  /** Stops a process started here with SIGTERM and waits for it. */
  public static boolean stop(Process p, long seconds) throws InterruptedException {
    p.destroy();
    return p.waitFor(seconds, TimeUnit.SECONDS);
  }

  private static void mustRun(List<String> command) {
    CommandRunner.Result r = CommandRunner.local().run(command);
    assertThat(r.exitCode()).as(r.describe()).isZero();
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
    for (String ns : namespaces) {
      // Anything left running inside (daemons that forked) goes with its namespace.
      CommandRunner.Result pids = CommandRunner.local().run(List.of("ip", "netns", "pids", ns));
      for (String pid : pids.stdout().split("\\s+")) {
        if (!pid.isBlank()) {
          CommandRunner.local().run(List.of("kill", "-9", pid.trim()));
        }
      }
      CommandRunner.local().run(List.of("ip", "netns", "del", ns));
    }
  }
}
