package org.smartkampung.app.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import org.smartkampung.codec.RadiusCode;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * TEST FIXTURE: what the MikroTik and CoovaChilli simulators share: an HTTP server on loopback, the
 * RADIUS client, and the one session the simulated villager has, which it reports to RADIUS with
 * Accounting Start, Interim-Update and Stop as a real NAS does.
 */
abstract class SimulatedHotspot implements AutoCloseable {

  /** The simulated villager's session on this hotspot, once RADIUS accepted it. */
  record LiveSession(String acctSessionId, String userName, String sessionClass, long startNanos) {}

  final String name;
  final String portalUrl;
  final NasRadiusClient radius;
  private final HttpServer http;
  private final AtomicInteger sessions = new AtomicInteger(0x80000000);
  volatile LiveSession live;

  /** What went wrong inside the simulator; tests assert it stays empty. */
  final List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

  SimulatedHotspot(String name, String portalUrl, NasRadiusClient radius) throws IOException {
    this.name = name;
    this.portalUrl = portalUrl;
    this.radius = radius;
    this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/",
        exchange -> {
          try {
            handle(exchange);
          } catch (Exception e) {
            failures.add(e);
            respond(exchange, 500, "text/plain", "simulator failed: " + e);
          } finally {
            exchange.close();
          }
        });
    http.start();
  }

  /** http://127.0.0.1:port of this hotspot's web server. */
  String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  abstract void handle(HttpExchange exchange) throws Exception;

  /** The hotspot's own Calling-Station-Id form of the villager's MAC. */
  abstract String callingStationId();

  /** The villager's address as the hotspot leased it. */
  abstract String clientIp();

  /** After Access-Accept: report the start of the session, which replaces any earlier one. */
  void start(String userName, String sessionClass) throws IOException {
    stop();
    String id = Integer.toHexString(sessions.getAndIncrement()).toUpperCase(java.util.Locale.ROOT);
    live = new LiveSession(id, userName, sessionClass, System.nanoTime());
    radius.accountingRequest(1, sessionAttributes(0, 0, 0));
  }

  /**
   * Reports cumulative usage of the live session.
   *
   * @param downloadBytes bytes the hotspot sent to the villager (Acct-Output-Octets)
   * @param uploadBytes bytes the villager sent (Acct-Input-Octets)
   */
  void interim(long downloadBytes, long uploadBytes, long sessionSeconds) throws IOException {
    radius.accountingRequest(3, sessionAttributes(downloadBytes, uploadBytes, sessionSeconds));
  }

  /** Ends the live session (logout). */
  void stop() throws IOException {
    if (live != null) {
      radius.accountingRequest(2, sessionAttributes(0, 0, 0));
      live = null;
    }
  }

  private List<RadiusAttribute> sessionAttributes(long down, long up, long seconds) {
    LiveSession s = live;
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(radius.attributes.text("User-Name", s.userName()));
    attrs.add(radius.attributes.text("Acct-Session-Id", s.acctSessionId()));
    if (s.sessionClass() != null) {
      attrs.add(radius.attributes.text("Class", s.sessionClass()));
    }
    attrs.addAll(nasAttributes());
    attrs.add(radius.attributes.unsigned("Acct-Output-Octets", down));
    attrs.add(radius.attributes.unsigned("Acct-Input-Octets", up));
    attrs.add(radius.attributes.unsigned("Acct-Session-Time", seconds));
    return attrs;
  }

  /** What every request of this hotspot carries about itself and the villager. */
  List<RadiusAttribute> nasAttributes() {
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(radius.attributes.text("NAS-Identifier", name));
    attrs.add(radius.attributes.text("Calling-Station-Id", callingStationId()));
    attrs.add(radius.attributes.octets("Framed-IP-Address", ipv4(clientIp())));
    return attrs;
  }

  static final int ACCEPT = RadiusCode.ACCESS_ACCEPT;

  // --- HTTP helpers ---

  static Map<String, String> query(HttpExchange exchange) {
    return parse(exchange.getRequestURI().getRawQuery());
  }

  static Map<String, String> form(HttpExchange exchange) throws IOException {
    return parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
  }

  static Map<String, String> parse(String encoded) {
    Map<String, String> m = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return m;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      m.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return m;
  }

  static String encode(Map<String, String> params) {
    StringJoiner j = new StringJoiner("&");
    params.forEach(
        (k, v) ->
            j.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return j.toString();
  }

  static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().add("Location", location);
    exchange.sendResponseHeaders(302, -1);
  }

  static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  // --- bytes ---

  static byte[] md5(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static byte[] ipv4(String dotted) {
    String[] parts = dotted.split("\\.");
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      b[i] = (byte) Integer.parseInt(parts[i]);
    }
    return b;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public void close() {
    http.stop(0);
    radius.close();
  }
}
