package org.smartkampung.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TEST FIXTURE: the shipped {@code config/kampung.yaml} with only its ports (free ones), bind
 * addresses (loopback) and data directory changed, written to a test's directory.
 *
 * @param file the written configuration
 * @param dataDir its data directory
 */
public record ShippedConfigOnLoopback(
    Path file, Path dataDir, int authPort, int acctPort, int portalPort) {

  public static ShippedConfigOnLoopback write(Path dir) throws IOException {
    int authPort = freeUdpPort();
    int acctPort = freeUdpPort();
    int portalPort = freeTcpPort();
    Path dataDir = dir.resolve("data");
    String shipped = Files.readString(Path.of("../config/kampung.yaml"));
    String yaml = replaceOnce(shipped, "data-dir: data", "data-dir: " + dataDir);
    yaml = replaceOnce(yaml, "auth-port: 1812", "auth-port: " + authPort);
    yaml = replaceOnce(yaml, "acct-port: 1813", "acct-port: " + acctPort);
    yaml = replaceOnce(yaml, "  port: 8080", "  port: " + portalPort);
    yaml = replaceOnce(yaml, "  port: 9180", "  port: " + freeTcpPort());
    yaml =
        replaceOnce(
            yaml,
            "public-url: http://localhost:8080",
            "public-url: http://127.0.0.1:" + portalPort);
    // Loopback only: tests never listen on the machine's other interfaces.
    yaml = yaml.replace("bind-address: 0.0.0.0", "bind-address: 127.0.0.1");
    Path file = dir.resolve("kampung.yaml");
    Files.writeString(file, yaml);
    return new ShippedConfigOnLoopback(file, dataDir, authPort, acctPort, portalPort);
  }

  private static String replaceOnce(String text, String from, String to) {
    assertThat(text).as("shipped config contains %s", from).contains(from);
    return text.replace(from, to);
  }

  public static int freeUdpPort() throws IOException {
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  public static int freeTcpPort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }
}
