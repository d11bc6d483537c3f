package org.smartkampung.portal.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Our gateway's signed API as the portal sees it ({@code docs/gateway.md}): {@code POST
 * /kampung/authorize} and {@code /kampung/logout} on a free loopback port. It checks each call's
 * signature with its own HMAC-SHA256 over the documented base string (not the production {@code
 * GatewaySignature}), records the call, and answers what the test set.
 */
public final class FakeGateway implements AutoCloseable {

  /** One call the portal made. */
  public record Call(String path, Map<String, String> params, boolean signatureValid) {}

  private final String key;
  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String body = "{\"result\":\"accept\",\"message\":\"\"}";

  public FakeGateway(String key) throws IOException {
    this.key = key;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/kampung/",
        exchange -> {
          String form =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Map<String, String> params = parse(form);
          boolean valid =
              exchange.getRequestMethod().equals("POST")
                  && sign(key, params).equals(params.get("sig"));
          calls.add(new Call(exchange.getRequestURI().getPath(), params, valid));
          byte[] out =
              (valid ? body : "{\"result\":\"reject\",\"message\":\"signature refused\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(valid ? status : 403, out.length);
          try (OutputStream o = exchange.getResponseBody()) {
            o.write(out);
          }
        });
    server.start();
  }

  /** The answer to every following valid call. */
  public void answer(int status, String json) {
    this.status = status;
    this.body = json;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The parameters signed as the gateway's interceptor would, with this gateway's key. */
  public Map<String, String> signedRedirect(Map<String, String> params, long ts) {
    Map<String, String> out = new LinkedHashMap<>(params);
    out.put("op", "redirect");
    out.put("ts", Long.toString(ts));
    out.put("sig", sign(key, out));
    return out;
  }

  /**
   * Lowercase hex HMAC-SHA256 of every parameter but {@code sig}, sorted by name, {@code
   * name=value} form-encoded and joined by {@code &}: the contract in docs/gateway.md.
   */
  public static String sign(String key, Map<String, String> params) {
    StringJoiner base = new StringJoiner("&");
    new TreeMap<>(params)
        .forEach(
            (k, v) -> {
              if (!k.equals("sig")) {
                base.add(
                    URLEncoder.encode(k, StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(v, StandardCharsets.UTF_8));
              }
            });
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal(base.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> parse(String form) {
    Map<String, String> m = new LinkedHashMap<>();
    if (form.isEmpty()) {
      return m;
    }
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      m.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return m;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
