package org.smartkampung.gateway.intercept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.gateway.GatewaySignature;
import org.smartkampung.gateway.neighbour.NeighbourTable;
import org.smartkampung.gateway.pipeline.Transport;

class CaptiveInterceptorTest {

  private static final String PORTAL = "http://10.5.50.1:8080/hotspot/gateway";
  private final GatewaySignature signature =
      new GatewaySignature("kunci-uji-interceptor-123", Clock.systemUTC(), 120);
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private Transport transport;
  private CaptiveInterceptor interceptor;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    Path arp = dir.resolve("arp");
    Files.writeString(
        arp,
        "IP address       HW type     Flags       HW address            Mask     Device\n"
            + "127.0.0.1        0x1         0x2         aa:bb:cc:dd:ee:01     *        lo\n");
    transport = Transport.create(1);
    interceptor =
        CaptiveInterceptor.start(
            transport,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new InterceptSettings(
                "kemiren-gw", PORTAL, signature, new NeighbourTable(arp, "lo"), metrics, 500),
            new org.smartkampung.gateway.pipeline.PipelineErrors(
                "interceptor", metrics, java.time.Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    interceptor.close();
    transport.close();
  }

  /** Sends raw request bytes and returns everything the server answered before closing. */
  private String exchange(String request) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), interceptor.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static String location(String response) {
    return response
        .lines()
        .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("location:"))
        .map(l -> l.substring("location:".length()).trim())
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, String> params(String location) {
    Map<String, String> out = new HashMap<>();
    new QueryStringDecoder(location).parameters().forEach((k, v) -> out.put(k, v.get(0)));
    return out;
  }

  @Test
  void anyRequestGetsASignedRedirectToThePortal() throws Exception {
    String response =
        exchange("GET /berita?id=7 HTTP/1.1\r\nHost: contoh.co.id\r\nConnection: close\r\n\r\n");
    assertThat(response)
        .startsWith("HTTP/1.1 302 Found")
        .containsIgnoringCase("cache-control: no-store");
    String location = location(response);
    assertThat(location).startsWith(PORTAL + "?");
    Map<String, String> p = params(location);
    assertThat(p)
        .containsEntry("gw", "kemiren-gw")
        .containsEntry("ip", "127.0.0.1")
        .containsEntry("mac", "aa:bb:cc:dd:ee:01")
        .containsEntry("url", "http://contoh.co.id/berita?id=7");
    assertThat(signature.verify("redirect", p)).isEqualTo(GatewaySignature.Verdict.VALID);
  }

  @Test
  void osProbesAreRedirectedWithoutAContinueUrl() throws Exception {
    for (String probe :
        new String[] {
          "GET /generate_204 HTTP/1.1\r\nHost: connectivitycheck.gstatic.com\r\n",
          "GET /hotspot-detect.html HTTP/1.1\r\nHost: captive.apple.com\r\n",
          "GET /connecttest.txt HTTP/1.1\r\nHost: www.msftconnecttest.com\r\n",
          "GET /canonical.html HTTP/1.1\r\nHost: detectportal.firefox.com\r\n"
        }) {
      String response = exchange(probe + "Connection: close\r\n\r\n");
      assertThat(response).as(probe).startsWith("HTTP/1.1 302");
      assertThat(params(location(response))).containsEntry("url", "");
    }
    assertThat(metrics.counter("kampung.gateway.intercept.redirects", "probe", "android").count())
        .isEqualTo(1);
  }

  @Test
  void keptAliveConnectionServesSeveralRequests() throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), interceptor.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (int i = 0; i < 2; i++) {
        out.write("GET / HTTP/1.1\r\nHost: a.id\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] buffer = new byte[4096];
        int n = in.read(buffer);
        assertThat(new String(buffer, 0, n, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 302");
      }
    }
  }

  @Test
  void oversizedHeadersAreRefusedAndTheConnectionClosed() throws Exception {
    String response =
        exchange(
            "GET / HTTP/1.1\r\nHost: a.id\r\nX-Pad: "
                + "x".repeat(CaptiveInterceptor.MAX_HEADER_BYTES + 100)
                + "\r\n\r\n");
    assertThat(response).matches("(?s)HTTP/1.1 (400|431).*");
    assertThat(response).doesNotContain("Location");
  }

  @Test
  void oversizedBodyIsRefused() throws Exception {
    String response =
        exchange(
            "POST / HTTP/1.1\r\nHost: a.id\r\nContent-Length: "
                + (CaptiveInterceptor.MAX_BODY_BYTES + 1)
                + "\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 413");
  }

  @Test
  void postWithABodyIsRedirectedAndTheNextRequestOnTheConnectionToo() throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), interceptor.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      String body = "q=" + "x".repeat(1000);
      out.write(
          ("POST /form HTTP/1.1\r\nHost: a.id\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body
                  + "GET /next HTTP/1.1\r\nHost: b.id\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      String both = new String(readAtLeast(in, 2), StandardCharsets.US_ASCII);
      assertThat(both.split("HTTP/1.1 302", -1)).hasSize(3);
      assertThat(both).contains("url=http%3A%2F%2Fb.id%2Fnext");
    }
  }

  @Test
  void chunkedBodyPastTheLimitClosesTheConnection() throws Exception {
    String chunk = "x".repeat(4096);
    StringBuilder request =
        new StringBuilder("POST / HTTP/1.1\r\nHost: a.id\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i * chunk.length() <= CaptiveInterceptor.MAX_BODY_BYTES; i++) {
      request
          .append(Integer.toHexString(chunk.length()))
          .append("\r\n")
          .append(chunk)
          .append("\r\n");
    }
    // No last chunk: only the limit can end this request, by closing the connection.
    String response = exchange(request.toString());
    assertThat(response).startsWith("HTTP/1.1 302");
    assertThat(
            metrics.counter("kampung.gateway.intercept.refused", "reason", "bad-request").count())
        .isEqualTo(1);
  }

  /** Reads until {@code responses} HTTP status lines have arrived. */
  private static byte[] readAtLeast(InputStream in, int responses) throws Exception {
    java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (seen.toString(StandardCharsets.US_ASCII).split("HTTP/1.1 ", -1).length <= responses) {
      int n = in.read(buffer);
      if (n < 0) {
        break;
      }
      seen.write(buffer, 0, n);
    }
    return seen.toByteArray();
  }

  @Test
  void slowRequestIsCutAtTheDeadline() throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), interceptor.port())) {
      socket.setSoTimeout(5000);
      socket
          .getOutputStream()
          .write("GET / HTTP/1.1\r\nHost: a".getBytes(StandardCharsets.US_ASCII));
      // The 500 ms deadline closes it: read returns end of stream, never a response.
      await().atMost(Duration.ofSeconds(4)).until(() -> socket.getInputStream().read() == -1);
    }
    assertThat(metrics.counter("kampung.gateway.intercept.refused", "reason", "slow").count())
        .isEqualTo(1);
  }

  @Test
  void keptAliveClientAskingSteadilyOutlivesTheDeadlineButNotASlowRequestAfterwards()
      throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), interceptor.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      long until = System.nanoTime() + Duration.ofMillis(1500).toNanos(); // three deadlines
      while (System.nanoTime() < until) {
        out.write("GET / HTTP/1.1\r\nHost: a.id\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] buffer = new byte[4096];
        int n = in.read(buffer);
        assertThat(new String(buffer, 0, n, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 302");
        // Each complete request restarts the 500 ms clock, however long the connection lives.
        await().pollDelay(Duration.ofMillis(200)).until(() -> true);
      }
      out.write("GET / HTTP/1.1\r\nHost: a".getBytes(StandardCharsets.US_ASCII));
      await().atMost(Duration.ofSeconds(4)).until(() -> in.read() == -1);
    }
    assertThat(metrics.counter("kampung.gateway.intercept.refused", "reason", "slow").count())
        .isEqualTo(1);
  }
}
