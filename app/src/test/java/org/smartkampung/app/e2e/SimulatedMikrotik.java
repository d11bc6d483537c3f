package org.smartkampung.app.e2e;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * TEST FIXTURE: a MikroTik RouterOS hotspot. {@code GET /login} serves the shipped {@code
 * config/mikrotik/login.html} with RouterOS's {@code $(var)} substitution (octal-escaped CHAP
 * values), so the browser goes to the portal exactly as it would from a router. {@code POST /login}
 * (the {@code link-login-only} target) turns the posted CHAP hex into a real Access-Request to our
 * RADIUS server; on Access-Accept it sends Accounting-Start and redirects to {@code dst}, on
 * Access-Reject it serves the login page again with {@code $(error)} set to the Reply-Message.
 * {@code GET /logout} sends Accounting-Stop.
 */
final class SimulatedMikrotik extends SimulatedHotspot {

  static final Path LOGIN_HTML = Path.of("../config/mikrotik/login.html");

  /** How RouterOS writes the villager's MAC: uppercase, colons. */
  static final String MAC = "3C:5A:B4:01:02:03";

  /** A phone's private (randomised) MAC: the locally-administered bit 0x02 is set. */
  static final String RANDOMISED_MAC = "DA:A1:19:00:00:01";

  static final String CLIENT_IP = "127.0.0.1";
  static final byte CHAP_ID = (byte) 0247;
  static final byte[] CHALLENGE = HexFormat.of().parseHex("d84bb90514c01f52761882c00922f962");

  private final String mac;

  SimulatedMikrotik(String portalUrl, NasRadiusClient radius, String mac) throws IOException {
    super(KampungUnderTest.MIKROTIK, portalUrl, radius);
    this.mac = mac;
  }

  @Override
  String callingStationId() {
    return mac;
  }

  @Override
  String clientIp() {
    return CLIENT_IP;
  }

  @Override
  void handle(HttpExchange exchange) throws Exception {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if (path.equals("/login") && method.equals("GET")) {
      loginPage(exchange, "");
    } else if (path.equals("/login") && method.equals("POST")) {
      login(exchange);
    } else if (path.equals("/logout")) {
      stop();
      respond(
          exchange,
          200,
          "text/html",
          "<!doctype html><title>logout</title><h1 id=\"bye\">Anda sudah keluar dari hotspot</h1>");
    } else {
      respond(exchange, 404, "text/plain", "not found");
    }
  }

  private void loginPage(HttpExchange exchange, String error) throws IOException {
    String html =
        Files.readString(LOGIN_HTML)
            .replace("PORTAL_URL", portalUrl)
            .replace("$(identity)", name)
            .replace("$(link-login-only)", url() + "/login")
            .replace("$(link-orig)", "http://example.com/berita")
            .replace("$(mac)", mac)
            .replace("$(ip)", CLIENT_IP)
            .replace("$(chap-id)", octal(new byte[] {CHAP_ID}))
            .replace("$(chap-challenge)", octal(CHALLENGE))
            .replace("$(error)", error);
    respond(exchange, 200, "text/html", html);
  }

  private void login(HttpExchange exchange) throws IOException {
    Map<String, String> form = form(exchange);
    byte[] response = HexFormat.of().parseHex(form.getOrDefault("password", ""));
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(radius.attributes.octets("CHAP-Password", concat(new byte[] {CHAP_ID}, response)));
    attrs.add(radius.attributes.octets("CHAP-Challenge", CHALLENGE));
    attrs.addAll(nasAttributes());
    NasRadiusClient.Exchange answer = radius.accessRequest(form.get("username"), attrs);
    if (!answer.accepted()) {
      loginPage(exchange, answer.replyMessage() == null ? "login gagal" : answer.replyMessage());
      return;
    }
    start(form.get("username"), answer.sessionClass());
    redirect(exchange, form.get("dst"));
  }

  /** RouterOS's {@code $(chap-challenge)} form: every byte as {@code \ooo}. */
  static String octal(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(String.format("\\%03o", b & 0xff));
    }
    return sb.toString();
  }
}
