package org.smartkampung.portal.admin;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.portal.security.StateSigner;

/**
 * Admin sign-in sessions as signed cookies: {@code {user, nonce, password fingerprint}} signed with
 * the portal's key, so several portal instances sharing the key share sessions and a password
 * change ends every session made with the old password. The CSRF token is a second signed value
 * bound to the cookie's nonce. Thread-safe.
 */
final class AdminSessions {

  static final String COOKIE = "kampung_admin";

  /** How long a sign-in lasts. */
  static final Duration MAX_AGE = Duration.ofHours(8);

  private final StateSigner signer;
  private final SecureRandom random = new SecureRandom();
  private final boolean httpsPublicUrl;

  AdminSessions(StateSigner signer, boolean httpsPublicUrl) {
    this.signer = signer;
    this.httpsPublicUrl = httpsPublicUrl;
  }

  /** A session of a signed-in admin: who, and the nonce its CSRF tokens are bound to. */
  record Session(String username, String nonce) {}

  /** Sets the session cookie for the account. */
  void start(RoutingContext ctx, AdminAccount account) {
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    String value =
        signer.sign(
            Map.of(
                "p", "admin",
                "u", account.username(),
                "n", HexFormat.of().formatHex(nonce),
                "f", fingerprint(account.passwordHash())));
    ctx.response().addCookie(cookie(ctx, value, MAX_AGE.toSeconds()));
  }

  void end(RoutingContext ctx) {
    ctx.response().addCookie(cookie(ctx, "", 0));
  }

  /**
   * The session of the request's cookie, if signed by us, unexpired, for this password and for an
   * account that is not disabled (so disabling an admin ends their sessions at the next request).
   */
  Optional<Session> current(RoutingContext ctx, AdminAccountLookup accounts) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie == null) {
      return Optional.empty();
    }
    return signer
        .verify(cookie.getValue(), MAX_AGE)
        .filter(m -> "admin".equals(m.get("p")))
        .filter(
            m ->
                accounts
                    .find(m.get("u"))
                    .filter(a -> !a.disabled())
                    .filter(a -> fingerprint(a.passwordHash()).equals(m.get("f")))
                    .isPresent())
        .map(m -> new Session(m.get("u"), m.get("n")));
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
