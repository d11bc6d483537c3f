package org.smartkampung.portal.security;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.smartkampung.core.signing.SigningKey;
import org.smartkampung.core.signing.SigningKeys;

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
  private final SigningKeys keys;
  private final SecureRandom random = new SecureRandom();
  private final Map<SigningKey, Keyed> keyed = new ConcurrentHashMap<>();

  /** A signer with one key (at least 32 bytes) that never rotates. */
  public StateSigner(byte[] key, Clock clock) {
    this(SigningKeys.fixed(key), clock);
  }

  /**
   * A signer with the keys in force: it signs with the current one and accepts the previous one, so
   * every instance on one store shares them and a rotation ends no form or sign-in early.
   */
  public StateSigner(SigningKeys keys, Clock clock) {
    this.clock = clock;
    this.keys = keys;
  }

  /** One key's HMAC (one Mac per thread: not thread-safe and costly to set up) and sealing key. */
  private static final class Keyed {
    private final ThreadLocal<Mac> macs;
    private final SecretKeySpec sealKey;

    Keyed(SigningKey key) {
      byte[] bytes = key.bytes();
      this.macs = ThreadLocal.withInitial(() -> newMac(bytes));
      // A separate key for sealing, derived so one key still serves both.
      byte[] derived = newMac(bytes).doFinal("kampung-state-seal".getBytes(StandardCharsets.UTF_8));
      this.sealKey = new SecretKeySpec(derived, 0, 16, "AES");
    }

    byte[] mac(byte[] payload) {
      return macs.get().doFinal(payload);
    }
  }

  private Keyed keyed(SigningKey key) {
    Keyed k = keyed.get(key);
    if (k == null) {
      if (keyed.size() > 8) {
        keyed.clear(); // old periods' keys; the ones in force come back at once
      }
      k = keyed.computeIfAbsent(key, Keyed::new);
    }
    return k;
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
    return B64.encodeToString(payload)
        + "."
        + B64.encodeToString(keyed(keys.current()).mac(payload));
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
      if (!signedWithKeyInForce(payload, signature)) {
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

  /**
   * Like {@link #sign} but the values cannot be read either (AES-GCM with a key derived from the
   * signing key): for links that carry what the villager must not see in the address bar, such as a
   * voucher code in a status link.
   */
  public String seal(Map<String, String> values) {
    String plain = sign(values);
    try {
      byte[] iv = new byte[12];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, keyed(keys.current()).sealKey, new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return B64.encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this JDK", e);
    }
  }

  /** The values of a token {@link #seal}ed here no longer than {@code maxAge} ago; else empty. */
  public Optional<Map<String, String>> unseal(String token, Duration maxAge) {
    if (token == null || token.length() > MAX_TOKEN_CHARS) {
      return Optional.empty();
    }
    try {
      byte[] in = B64D.decode(token);
      if (in.length < 12 + 16) {
        return Optional.empty();
      }
      for (SigningKey key : keys.accepted()) {
        Optional<byte[]> plain = open(in, keyed(key).sealKey);
        if (plain.isPresent()) {
          return verify(new String(plain.get(), StandardCharsets.UTF_8), maxAge);
        }
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<byte[]> open(byte[] in, SecretKeySpec sealKey) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(128, in, 0, 12));
      return Optional.of(cipher.doFinal(in, 12, in.length - 12));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  private boolean signedWithKeyInForce(byte[] payload, byte[] signature) {
    for (SigningKey key : keys.accepted()) {
      if (MessageDigest.isEqual(signature, keyed(key).mac(payload))) {
        return true;
      }
    }
    return false;
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
