package org.smartkampung.portal.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * TEST FIXTURE: HTTP/1.1 from a chosen loopback source address ({@code 127.0.0.2} is another
 * villager or another office), which Java 17's HttpClient cannot do. One request per connection.
 */
public final class SourceBoundHttp {

  /** One answer; header names lowercase. */
  public record Response(int status, Map<String, List<String>> headers, String body) {
    public Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> all(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
  }

  private final String source;
  private final int port;
  private String cookie = "";

  /**
   * A client at {@code source} for the server on 127.0.0.1:{@code port}, keeping one cookie jar.
   */
  public SourceBoundHttp(String source, int port) {
    this.source = source;
    this.port = port;
  }

  public Response get(String path) {
    return send("GET", path, Map.of(), null);
  }

  public Response post(String path, Map<String, String> form) {
    return send(
        "POST",
        path,
        Map.of("Content-Type", "application/x-www-form-urlencoded"),
        PortalHarness.encode(form));
  }

  /** Sends one request with the cookies set so far; remembers the cookies the answer sets. */
  public Response send(String method, String path, Map<String, String> headers, String body) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    if (!cookie.isEmpty()) {
      all.put("Cookie", cookie);
    }
    Response r = exchange(source, port, method, path, all, body);
    for (String set : r.all("set-cookie")) {
      // One cookie is all the portal sets; an empty value is its removal.
      String pair = set.split(";", 2)[0];
      cookie = pair.endsWith("=") ? "" : pair;
    }
    return r;
  }

  /** The cookie header this client sends. */
  public String cookie() {
    return cookie;
  }

  public void cookie(String cookie) {
    this.cookie = cookie;
  }

  public static Response exchange(
      String source,
      int port,
      String method,
      String path,
      Map<String, String> headers,
      String body) {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(source, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(15_000);
      byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1:").append(port).append("\r\n");
      head.append("Connection: close\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      if (body != null) {
        head.append("Content-Length: ").append(payload.length).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(payload);
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Response parse(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no complete response: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers
          .computeIfAbsent(
              lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    boolean chunked =
        headers.getOrDefault("transfer-encoding", List.of()).stream()
            .anyMatch(v -> v.equalsIgnoreCase("chunked"));
    byte[] body = chunked ? dechunk(new java.io.ByteArrayInputStream(rest)) : rest;
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      StringBuilder size = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        if (c != '\r') {
          size.append((char) c);
        }
      }
      String hex = size.toString().split(";")[0].trim();
      if (hex.isEmpty()) {
        return out.toByteArray();
      }
      int n = Integer.parseInt(hex, 16);
      if (n == 0) {
        return out.toByteArray();
      }
      out.write(in.readNBytes(n));
      in.read();
      in.read();
    }
  }
}
