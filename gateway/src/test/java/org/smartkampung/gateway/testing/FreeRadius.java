package org.smartkampung.gateway.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A FreeRADIUS 3 server for tests: a copy of Debian's {@code /etc/freeradius/3.0} in a temp
 * directory, with our client, users and paths, started in a network namespace. Accounting requests
 * land in its detail files, which tests read.
 */
public final class FreeRadius {

  public static final String CONFIG = "/etc/freeradius/3.0";

  private final Path dir;

  private FreeRadius(Path dir) {
    this.dir = dir;
  }

  /**
   * Writes the config and starts {@code freeradius -X} in {@code ns}; returns once it serves.
   *
   * @param users lines prepended to the users file ({@code mods-config/files/authorize})
   */
  public static FreeRadius start(NetnsLab lab, String ns, Path dir, String secret, String users)
      throws IOException {
    CommandLine.copyTree(Path.of(CONFIG), dir);
    Path conf = dir.resolve("radiusd.conf");
    String text = Files.readString(conf);
    text =
        text.replaceAll("(?m)^logdir = .*$", "logdir = " + dir.resolve("log"))
            .replaceAll("(?m)^raddbdir = .*$", "raddbdir = " + dir)
            .replaceAll("(?m)^run_dir = .*$", "run_dir = " + dir.resolve("run"))
            .replaceAll("(?m)^(\\s*)(user|group) = freerad", "$1#$2 = freerad");
    Files.writeString(conf, text);
    Files.createDirectories(dir.resolve("log"));
    Files.createDirectories(dir.resolve("run"));
    Files.writeString(
        dir.resolve("clients.conf"),
        "client gateway {\n  ipaddr = 127.0.0.1\n  secret = "
            + secret
            + "\n  require_message_authenticator = yes\n}\n");
    Path authorize = dir.resolve("mods-config/files/authorize");
    Files.writeString(authorize, users + "\n" + Files.readString(authorize));
    Path log = dir.resolve("freeradius.log");
    lab.spawn(ns, List.of("freeradius", "-X", "-d", dir.toString()), log);
    await("FreeRADIUS ready")
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.exists(log) && Files.readString(log).contains("Ready to process"));
    return new FreeRadius(dir);
  }

  /** Every accounting record in the detail files so far, in arrival order. */
  public List<String> accountingRecords() {
    Path radacct = dir.resolve("log/radacct");
    if (!Files.isDirectory(radacct)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(radacct)) {
      StringBuilder all = new StringBuilder();
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        all.append(Files.readString(f));
      }
      // Records are separated by a blank line; each starts with a date line.
      return Stream.of(all.toString().split("\n\n")).filter(r -> !r.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path log() {
    return dir.resolve("freeradius.log");
  }
}
