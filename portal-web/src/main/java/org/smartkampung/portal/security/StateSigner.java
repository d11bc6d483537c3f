package org.smartkampung.portal.security;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs small key-value states with HMAC-SHA256 so the portal can carry the login flow in hidden
 * form fields and URLs instead of cookies (captive sign-in sheets on iOS and Android drop cookies
 * between steps). A signed state is also the form's CSRF token: it is bound to the client address
 * it was issued to and expires.
 *
 * <p>Format: {@code base64url(form-encoded map) "." base64url(hmac)}. Thread-safe.
 */
public final class StateSigner {

  /** The key under which the issue time (epoch seconds) is stored. */
  public static final String ISSUED_AT = "t";

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final int MAX_TOKEN_CHARS = 8192;

  private final Clock clock;

  // Mac is not thread-safe and costly to set up; one per thread, keyed once.
  private final ThreadLocal<Mac> macs;

  /** A signer with the given key (at least 32 bytes). */
  public StateSigner(byte[] key, Clock clock) {
    if (key.length < 32) {
      throw new IllegalArgumentException("state signing key must have at least 32 bytes");
    }
    byte[] copy = key.clone();
    this.clock = clock;
    this.macs = ThreadLocal.withInitial(() -> newMac(copy));
  }

  /** Signs the values, adding the issue time. */
  public String sign(Map<String, String> values) {
    StringBuilder body = new StringBuilder();
    Map<String, String> all = new LinkedHashMap<>(values);
    all.put(ISSUED_AT, Long.toString(clock.instant().getEpochSecond()));
    all.forEach(
        (k, v) -> {
          if (v == null) {
            return;
          }
          if (body.length() > 0) {
            body.append('&');
          }
          body.append(enc(k)).append('=').append(enc(v));
        });
    byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
    return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
  }

  /**
   * The values of a token this signer made no longer than {@code maxAge} ago; empty for anything
   * else (tampered, foreign, expired, malformed).
   */
  public Optional<Map<String, String>> verify(String token, Duration maxAge) {
    if (token == null || token.length() > MAX_TOKEN_CHARS) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    try {
      byte[] payload = B64D.decode(token.substring(0, dot));
      byte[] signature = B64D.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(signature, mac(payload))) {
        return Optional.empty();
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (String pair : new String(payload, StandardCharsets.UTF_8).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          values.put(dec(pair.substring(0, eq)), dec(pair.substring(eq + 1)));
        }
      }
      long issued = Long.parseLong(values.getOrDefault(ISSUED_AT, "0"));
      long age = clock.instant().getEpochSecond() - issued;
      if (age < -60 || age > maxAge.toSeconds()) {
        return Optional.empty();
      }
      return Optional.of(values);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(byte[] payload) {
    return macs.get().doFinal(payload);
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      return hmac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String dec(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
