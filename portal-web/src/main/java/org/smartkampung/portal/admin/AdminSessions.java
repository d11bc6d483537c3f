package org.smartkampung.portal.admin;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AdminSession;
import org.smartkampung.core.admin.AdminSessionStore;
import org.smartkampung.portal.security.StateSigner;

/**
 * Admin sign-in sessions: kept in the store ({@link AdminSessionStore}, shared by every portal
 * instance on it), named by a signed cookie {@code {session id, password fingerprint}}. Signing
 * out, disabling the admin or changing the password ends sessions on the server, so an old cookie
 * is refused at once. The CSRF token is a second signed value bound to the session's nonce.
 * Thread-safe; {@link #start}, {@link #end} and {@link #current} call the store, so they run off
 * the event loop.
 */
final class AdminSessions {

  static final String COOKIE = "kampung_admin";

  /** How long a sign-in lasts. */
  static final Duration MAX_AGE = Duration.ofHours(8);

  private final StateSigner signer;
  private final AdminSessionStore store;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final boolean httpsPublicUrl;

  AdminSessions(StateSigner signer, AdminSessionStore store, Clock clock, boolean httpsPublicUrl) {
    this.signer = signer;
    this.store = store;
    this.clock = clock;
    this.httpsPublicUrl = httpsPublicUrl;
  }

  /** A session of a signed-in admin: its id, who, and the nonce its CSRF tokens are bound to. */
  record Session(String id, String username, String nonce) {}

  /** Starts a session in the store and sets its cookie. */
  void start(RoutingContext ctx, AdminAccount account) {
    AdminSession session =
        new AdminSession(
            randomHex(24), account.username(), randomHex(12), clock.instant().plus(MAX_AGE));
    store.create(session);
    String value =
        signer.sign(
            Map.of(
                "p", "admin",
                "sid", session.id(),
                "f", fingerprint(account.passwordHash())));
    ctx.response().addCookie(cookie(ctx, value, MAX_AGE.toSeconds()));
  }

  /** Ends the session in the store (every instance refuses its cookie) and clears the cookie. */
  void end(RoutingContext ctx, Session session) {
    if (session != null) {
      store.revoke(session.id());
    }
    ctx.response().addCookie(cookie(ctx, "", 0));
  }

  /** Ends every session of the admin: disabled, deleted, or a new password. */
  void endAll(String username) {
    store.revokeAll(username);
  }

  /**
   * The session of the request's cookie: signed by us, in the store and unexpired, for this
   * password and for an account that is not disabled.
   */
  Optional<Session> current(RoutingContext ctx, AdminAccountLookup accounts) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie == null) {
      return Optional.empty();
    }
    Optional<Map<String, String>> signed =
        signer.verify(cookie.getValue(), MAX_AGE).filter(m -> "admin".equals(m.get("p")));
    if (signed.isEmpty()) {
      return Optional.empty();
    }
    return store
        .find(signed.get().get("sid"), clock.instant())
        .filter(
            s ->
                accounts
                    .find(s.username())
                    .filter(a -> !a.disabled())
                    .filter(a -> fingerprint(a.passwordHash()).equals(signed.get().get("f")))
                    .isPresent())
        .map(s -> new Session(s.id(), s.username(), s.nonce()));
  }

  /** A CSRF token for forms and API calls of this session. */
  String csrfToken(Session session) {
    return signer.sign(Map.of("p", "admin-csrf", "u", session.username(), "n", session.nonce()));
  }

  boolean csrfValid(Session session, String token) {
    return signer
        .verify(token, MAX_AGE)
        .filter(m -> "admin-csrf".equals(m.get("p")))
        .filter(m -> session.username().equals(m.get("u")))
        .filter(m -> session.nonce().equals(m.get("n")))
        .isPresent();
  }

  /** The flash cookie naming the admin's last kick, shown on the session list until it is done. */
  static final String KICK_COOKIE = "kampung_kick";

  /** How long the session list keeps showing a kick that stays unanswered. */
  static final Duration KICK_FLASH_MAX_AGE = Duration.ofMinutes(10);

  /** The flash value for a kick: signed, bound to this sign-in and to the village. */
  String kickFlash(Session session, String villageId, String kickId) {
    return signer.sign(
        Map.of("p", "admin-kick", "n", session.nonce(), "v", villageId, "k", kickId));
  }

  /** The kick id in a flash value of {@link #kickFlash}, for this sign-in and village only. */
  Optional<String> kickId(Session session, String villageId, String flash) {
    return signer
        .verify(flash, KICK_FLASH_MAX_AGE)
        .filter(m -> "admin-kick".equals(m.get("p")))
        .filter(m -> session.nonce().equals(m.get("n")))
        .filter(m -> villageId.equals(m.get("v")))
        .map(m -> m.get("k"));
  }

  /** Sets or (with {@code value} empty) clears the kick flash cookie. */
  void setKickFlash(RoutingContext ctx, String value) {
    ctx.response()
        .addCookie(
            Cookie.cookie(KICK_COOKIE, value)
                .setPath(AdminRoutes.ROOT)
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setSecure(ctx.request().isSSL() || httpsPublicUrl)
                .setMaxAge(value.isEmpty() ? 0 : KICK_FLASH_MAX_AGE.toSeconds()));
  }

  /** A token for the sign-in form, bound to the client address (login CSRF). */
  String signInToken(String sourceIp) {
    return signer.sign(Map.of("p", "admin-signin", "ip", sourceIp));
  }

  boolean signInTokenValid(String sourceIp, String token) {
    return signer
        .verify(token, Duration.ofHours(1))
        .filter(m -> "admin-signin".equals(m.get("p")))
        .filter(m -> sourceIp.equals(m.get("ip")))
        .isPresent();
  }

  /** Looks up accounts; a functional view of the store so this class stays testable. */
  interface AdminAccountLookup {
    Optional<AdminAccount> find(String username);
  }

  private Cookie cookie(RoutingContext ctx, String value, long maxAgeSeconds) {
    return Cookie.cookie(COOKIE, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT)
        .setSecure(ctx.request().isSSL() || httpsPublicUrl)
        .setMaxAge(maxAgeSeconds);
  }

  private String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static String fingerprint(String passwordHash) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(passwordHash.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
