package org.smartkampung.portal.security;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The address a request comes from, as every limit and check of the portal sees it. A request from
 * a trusted reverse proxy ({@code portal.trusted-proxies}) comes from the nearest address in its
 * {@code X-Forwarded-For} that is not itself a trusted proxy (nginx's {@code
 * $proxy_add_x_forwarded_for} appends the client it saw, so what a client wrote before it is never
 * taken); any other request comes from its socket's peer, whatever headers it sends.
 */
public final class ClientAddress {

  private static final String KEY = "kampung.client-address";

  private final AllowedNetworks trusted;
  private final boolean none;

  private ClientAddress(List<String> trustedProxies) {
    this.trusted = AllowedNetworks.of(trustedProxies);
    this.none = trustedProxies.isEmpty();
  }

  /** A resolver trusting these proxies (addresses and blocks checked by the config rules). */
  public static ClientAddress trusting(List<String> trustedProxies) {
    return new ClientAddress(trustedProxies);
  }

  /** Resolves the request's client address once and keeps it on the context for {@link #of}. */
  public void resolve(RoutingContext ctx) {
    ctx.put(KEY, clientOf(ctx.request()));
    ctx.next();
  }

  /** The client address {@link #resolve} found, or the socket's peer when it did not run. */
  public static String of(RoutingContext ctx) {
    String resolved = ctx.get(KEY);
    return resolved != null ? resolved : peer(ctx.request());
  }

  String clientOf(HttpServerRequest request) {
    String peer = peer(request);
    if (none || !trusted.allows(peer)) {
      return peer;
    }
    List<String> hops = request.headers().getAll("X-Forwarded-For");
    String client = peer;
    // Right to left: the proxies' own hops first; the first untrusted one is the client.
    for (int h = hops.size() - 1; h >= 0; h--) {
      String[] parts = hops.get(h).split(",");
      for (int i = parts.length - 1; i >= 0; i--) {
        String hop = parts[i].trim();
        if (!isLiteral(hop)) {
          return client; // garbage from further out: stop at the last address we can vouch for
        }
        client = hop;
        if (!trusted.allows(hop)) {
          return hop;
        }
      }
    }
    return client;
  }

  private static boolean isLiteral(String hop) {
    if (hop.isEmpty() || hop.length() > 45) {
      return false;
    }
    for (int i = 0; i < hop.length(); i++) {
      char c = hop.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'f')
              || (c >= 'A' && c <= 'F')
              || c == '.'
              || c == ':';
      if (!ok) {
        return false;
      }
    }
    return AllowedNetworks.isAddress(hop);
  }

  private static String peer(HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    return remote == null ? "" : remote.hostAddress();
  }
}
