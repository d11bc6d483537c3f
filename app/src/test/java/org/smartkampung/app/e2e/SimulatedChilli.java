package org.smartkampung.app.e2e;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tinyradius.attribute.RadiusAttribute;

/**
 * TEST FIXTURE: a CoovaChilli UAM server. {@code GET /prelogin} redirects the browser to the portal
 * with {@code res=notyet} and the UAM parameters signed by {@code md}; {@code GET /logon} turns the
 * portal's CHAP response into a real Access-Request (CHAP-Challenge = MD5(challenge + uamsecret),
 * as Chilli mixes it), then sends Accounting-Start and redirects to the portal with {@code
 * res=success}, or {@code res=failed} and the Reply-Message. {@code GET /logoff} sends
 * Accounting-Stop and redirects with {@code res=logoff}.
 */
final class SimulatedChilli extends SimulatedHotspot {

  /** How Chilli writes the villager's MAC: uppercase, dashes. */
  static final String MAC = "3C-5A-B4-0A-0B-0C";

  static final String CLIENT_IP = "127.0.0.1";
  static final String CHALLENGE = "c0ffee00112233445566778899aabbcc";

  SimulatedChilli(String portalUrl, NasRadiusClient radius) throws IOException {
    super(KampungUnderTest.CHILLI, portalUrl, radius);
  }

  @Override
  String callingStationId() {
    return MAC;
  }

  @Override
  String clientIp() {
    return CLIENT_IP;
  }

  @Override
  void handle(HttpExchange exchange) throws Exception {
    String path = exchange.getRequestURI().getPath();
    Map<String, String> q = query(exchange);
    switch (path) {
      case "/prelogin" -> redirect(exchange, portal("notyet", "http://example.com/", null));
      case "/logon" -> logon(exchange, q);
      case "/logoff" -> {
        stop();
        redirect(exchange, portal("logoff", "http://example.com/", null));
      }
      default -> respond(exchange, 404, "text/plain", "not found");
    }
  }

  private void logon(HttpExchange exchange, Map<String, String> q) throws IOException {
    byte[] mixed = md5(HexFormat.of().parseHex(CHALLENGE), utf8(KampungUnderTest.UAM_SECRET));
    byte[] response = HexFormat.of().parseHex(q.getOrDefault("response", ""));
    List<RadiusAttribute> attrs = new ArrayList<>();
    // Chilli's CHAP identifier is 0.
    attrs.add(radius.attributes.octets("CHAP-Password", concat(new byte[] {0}, response)));
    attrs.add(radius.attributes.octets("CHAP-Challenge", mixed));
    attrs.addAll(nasAttributes());
    NasRadiusClient.Exchange answer = radius.accessRequest(q.get("username"), attrs);
    if (!answer.accepted()) {
      redirect(exchange, portal("failed", q.get("userurl"), answer.replyMessage()));
      return;
    }
    start(q.get("username"), answer.sessionClass());
    redirect(exchange, portal("success", q.get("userurl"), null));
  }

  /** The redirect Chilli builds, signed with md over the URL plus the uamsecret. */
  private String portal(String res, String userUrl, String reply) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("res", res);
    p.put("uamip", "127.0.0.1");
    p.put("uamport", url().substring(url().lastIndexOf(':') + 1));
    p.put("challenge", CHALLENGE);
    p.put("called", "AA-BB-CC-00-00-01");
    p.put("mac", MAC);
    p.put("ip", CLIENT_IP);
    p.put("nasid", name);
    p.put("sessionid", "5f2a0c0d00000001");
    p.put("userurl", userUrl == null ? "" : userUrl);
    if (reply != null) {
      p.put("reply", reply);
    }
    String url = portalUrl + "/?" + encode(p);
    return url
        + "&md="
        + hex(md5(utf8(url), utf8(KampungUnderTest.UAM_SECRET))).toUpperCase(Locale.ROOT);
  }
}
