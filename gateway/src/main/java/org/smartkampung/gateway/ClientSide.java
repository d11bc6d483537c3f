package org.smartkampung.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

/** Facts about the gateway's own network the gateway checks and binds to at start. */
final class ClientSide {

  static final String BRIDGE_NF_SYSCTL = "net.bridge.bridge-nf-call-iptables";

  private ClientSide() {}

  /**
   * The gateway's IPv4 address on the client interface: the interceptor and the DNS forwarder
   * listen there only (nftables' redirect delivers to it), never on the wildcard or the WAN.
   *
   * @throws IllegalStateException when the interface is missing or has no IPv4 address
   */
  static InetAddress address(String clientInterface) {
    try {
      NetworkInterface nic = NetworkInterface.getByName(clientInterface);
      if (nic == null) {
        throw new IllegalStateException("client interface " + clientInterface + " does not exist");
      }
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address) {
          return a;
        }
      }
      throw new IllegalStateException(
          "client interface "
              + clientInterface
              + " has no IPv4 address; give it the gateway's address (e.g. 10.5.50.1/24)");
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The local address this host sends from towards {@code server} (where the DAC listens). */
  static InetAddress localAddressTowards(InetAddress server) {
    if (server.isLoopbackAddress()) {
      return server;
    }
    try (DatagramSocket probe = new DatagramSocket()) {
      probe.connect(server, 9); // no packet is sent: connect only picks the route
      return probe.getLocalAddress();
    } catch (SocketException e) {
      throw new IllegalStateException("no route to the RADIUS server " + server, e);
    }
  }

  /**
   * With br_netfilter, frames bridged on the client interface pass the IP hooks a second time and
   * the ifb redirect of shaping breaks interception (phones would get no sign-in sheet). Refuse to
   * start then, naming the sysctl to change.
   */
  static void refuseBridgeNetfilter(String clientInterface, boolean shaping, Path sys, Path proc) {
    if (!shaping || !Files.isDirectory(sys.resolve("class/net/" + clientInterface + "/bridge"))) {
      return;
    }
    Path sysctl = proc.resolve("sys/" + BRIDGE_NF_SYSCTL.replace('.', '/'));
    try {
      if (Files.exists(sysctl) && Files.readString(sysctl).trim().equals("1")) {
        throw new IllegalStateException(
            "br_netfilter is active on bridge "
                + clientInterface
                + " and breaks interception with shaping: set "
                + BRIDGE_NF_SYSCTL
                + "=0 (sysctl -w "
                + BRIDGE_NF_SYSCTL
                + "=0), or turn shaping off");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
