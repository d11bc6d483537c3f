package org.smartkampung.portal.browser;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.login.LoginTokenStore;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.portal.testing.PortalHarness;

/**
 * A MikroTik hotspot and a CoovaChilli on loopback that speak exactly the portal parameters: they
 * redirect the browser to the portal, receive the NAS login with the minted token, check its CHAP
 * or PAP credentials as RADIUS would (consuming the token), start a session, and log out.
 */
final class SimulatedHotspots implements AutoCloseable {

  static final byte CHAP_ID = (byte) 0247;
  static final byte[] MIKROTIK_CHALLENGE =
      HexFormat.of().parseHex("d84bb90514c01f52761882c00922f962");
  static final String CHILLI_CHALLENGE = "c0ffee00112233445566778899aabbcc";
  static final String CLIENT_IP = "127.0.0.1";

  private final Vertx vertx = Vertx.vertx();
  private final String portalUrl;
  private final LoginTokenStore tokens;
  private final SessionStore sessions;
  private final Instant now;
  final HttpServer mikrotik;
  final HttpServer chilli;
  volatile String lastRejection = "";

  SimulatedHotspots(String portalUrl, LoginTokenStore tokens, SessionStore sessions, Instant now)
      throws Exception {
    this.portalUrl = portalUrl;
    this.tokens = tokens;
    this.sessions = sessions;
    this.now = now;
    this.mikrotik = listen(mikrotikRoutes());
    this.chilli = listen(chilliRoutes());
  }

  String mikrotikUrl() {
    return "http://127.0.0.1:" + mikrotik.actualPort();
  }

  String chilliUrl() {
    return "http://127.0.0.1:" + chilli.actualPort();
  }

  private HttpServer listen(Router router) throws Exception {
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(0, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  // --- MikroTik RouterOS hotspot ---

  private Router mikrotikRoutes() {
    Router r = Router.router(vertx);
    r.route().handler(BodyHandler.create(false));
    r.get("/login").handler(this::mikrotikRedirect);
    r.post("/login").handler(this::mikrotikLogin);
    r.get("/logout").handler(this::mikrotikLogout);
    return r;
  }

  /** What the hotspot's login.html does: send the browser to the external portal. */
  private void mikrotikRedirect(RoutingContext ctx) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("nasid", "kemiren-mt");
    p.put("link-login-only", mikrotikUrl() + "/login");
    p.put("link-orig", "http://example.com/berita");
    p.put("mac", "3C:5A:B4:01:02:03");
    p.put("ip", CLIENT_IP);
    p.put("chap-id", octal(new byte[] {CHAP_ID}));
    p.put("chap-challenge", octal(MIKROTIK_CHALLENGE));
    ctx.redirect(portalUrl + "/?" + PortalHarness.encode(p));
  }

  private void mikrotikLogin(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    Optional<LoginToken> token = tokens.consume(req.getFormAttribute("username"), now);
    String expected =
        token
            .map(t -> hex(md5(new byte[] {CHAP_ID}, bytes(t.secret()), MIKROTIK_CHALLENGE)))
            .orElse("");
    if (token.isEmpty() || !expected.equals(req.getFormAttribute("password"))) {
      lastRejection = "mikrotik: bad CHAP for " + req.getFormAttribute("username");
      ctx.response().setStatusCode(200).end("<h1>login gagal</h1>");
      return;
    }
    startSession("kemiren-mt", token.get());
    ctx.redirect(req.getFormAttribute("dst"));
  }

  private void mikrotikLogout(RoutingContext ctx) {
    sessions.listByNas("kemiren-mt").forEach(s -> sessions.remove(s.id()));
    ctx.response()
        .putHeader("Content-Type", "text/html")
        .end(
            "<!doctype html><title>logout</title><h1 id=\"bye\">Anda sudah keluar dari hotspot</h1>");
  }

  // --- CoovaChilli UAM ---

  private Router chilliRoutes() {
    Router r = Router.router(vertx);
    r.get("/prelogin").handler(ctx -> ctx.redirect(chilliPortal("notyet", "http://example.com/")));
    r.get("/logon").handler(this::chilliLogon);
    r.get("/logoff")
        .handler(
            ctx -> {
              sessions.listByNas("kemiren-chilli").forEach(s -> sessions.remove(s.id()));
              ctx.redirect(chilliPortal("logoff", "http://example.com/"));
            });
    return r;
  }

  private void chilliLogon(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    Optional<LoginToken> token = tokens.consume(req.getParam("username"), now);
    byte[] mixed = md5(HexFormat.of().parseHex(CHILLI_CHALLENGE), bytes(PortalHarness.UAM_SECRET));
    String expected = token.map(t -> hex(md5(new byte[] {0}, bytes(t.secret()), mixed))).orElse("");
    if (token.isEmpty() || !expected.equals(req.getParam("response"))) {
      lastRejection = "chilli: bad CHAP for " + req.getParam("username");
      ctx.redirect(chilliPortal("failed", req.getParam("userurl")));
      return;
    }
    startSession("kemiren-chilli", token.get());
    ctx.redirect(chilliPortal("success", req.getParam("userurl")));
  }

  /** The redirect Chilli builds, signed with md over the full URL plus the uamsecret. */
  private String chilliPortal(String res, String userUrl) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("res", res);
    p.put("uamip", "127.0.0.1");
    p.put("uamport", Integer.toString(chilli.actualPort()));
    p.put("challenge", CHILLI_CHALLENGE);
    p.put("called", "AA-BB-CC-00-00-01");
    p.put("mac", "3C-5A-B4-0A-0B-0C");
    p.put("ip", CLIENT_IP);
    p.put("nasid", "kemiren-chilli");
    p.put("sessionid", "5f2a0c0d00000001");
    p.put("userurl", userUrl);
    String url = portalUrl + "/?" + PortalHarness.encode(p);
    return url
        + "&md="
        + hex(md5(bytes(url), bytes(PortalHarness.UAM_SECRET))).toUpperCase(java.util.Locale.ROOT);
  }

  private void startSession(String nas, LoginToken token) {
    sessions.put(
        new Session(
            nas + "/" + token.username(),
            token.villageId(),
            token.userId(),
            token.deviceMac(),
            nas,
            "127.0.0.1",
            token.username(),
            CLIENT_IP,
            now,
            now,
            0,
            0,
            0));
  }

  static String octal(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("\\%03o", x & 0xff));
    }
    return sb.toString();
  }

  static byte[] md5(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
