package org.smartkampung.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** Reads the addresses written under {@code store.redis}: {@code host:port} nodes and URIs. */
public final class RedisAddresses {

  /** One server's address; {@code host} without IPv6 brackets. */
  public record Node(String host, int port) {}

  private RedisAddresses() {}

  /** {@code host:port} or {@code [v6]:port}; empty when it is not one. */
  public static Optional<Node> node(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim();
    int colon = t.lastIndexOf(':');
    if (colon <= 0 || colon == t.length() - 1) {
      return Optional.empty();
    }
    String host = t.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      return Optional.empty(); // a bare IPv6 address is ambiguous; write [::1]:6379
    }
    if (host.isEmpty() || !host.matches("[A-Za-z0-9.:_-]+")) {
      return Optional.empty();
    }
    int port;
    try {
      port = Integer.parseInt(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return port < 1 || port > 65535 ? Optional.empty() : Optional.of(new Node(host, port));
  }

  /**
   * What is wrong with a standalone URI, or empty when nothing is. Java's URI parser takes {@code
   * redis://a:7000,b:7000} as a host-less URI, which a client would quietly send to localhost.
   */
  public static Optional<String> uriProblem(String uri) {
    if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
      return Optional.of(
          "'"
              + uri
              + "' must start with redis:// (or rediss:// for TLS), e.g. redis://127.0.0.1:6379");
    }
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      return Optional.of("'" + redacted(uri) + "' is not a valid URI: " + e.getReason());
    }
    String authority = parsed.getRawAuthority() == null ? "" : parsed.getRawAuthority();
    String hosts = authority.substring(authority.lastIndexOf('@') + 1);
    if (hosts.contains(",")) {
      return Optional.of(
          "'"
              + redacted(uri)
              + "' names several hosts; one uri is one server. For a Sentinel set write"
              + " topology: sentinel with master-name and nodes; for a Cluster, topology: cluster"
              + " with nodes");
    }
    if (parsed.getHost() == null) {
      return Optional.of(
          "'" + redacted(uri) + "' has no usable host:port, e.g. redis://127.0.0.1:6379");
    }
    String path = parsed.getPath();
    if (path != null && path.length() > 1 && !path.substring(1).matches("[0-9]{1,5}")) {
      return Optional.of(
          "database '" + path.substring(1) + "' must be a number, e.g. redis://127.0.0.1:6379/0");
    }
    return Optional.empty();
  }

  /** The URI without its password, for logs and messages. */
  public static String redacted(String uri) {
    return uri.replaceFirst("//[^@/]*@", "//***@");
  }
}
