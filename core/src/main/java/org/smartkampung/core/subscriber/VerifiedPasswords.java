package org.smartkampung.core.subscriber;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers the outcome of recent slow password checks, so a phone that logs in again does not pay
 * for PBKDF2 each time. An entry is an HMAC-SHA256 of (username, stored hash, password) under a
 * random key made at start that never leaves this process's memory: the password is never kept, and
 * the key cannot be rebuilt from a heap dump of entries alone. The stored hash is part of the key,
 * so a changed password misses at once; a disabled account must be refused before asking (the
 * caller checks {@link Subscriber#enabled()} first).
 *
 * <p>Right passwords are kept for {@code rightFor}, wrong ones for the shorter {@code wrongFor}
 * (zero keeps none). Both tables are bounded by {@code maxEntries}. Thread-safe; a duplicate per
 * process only saves work, it decides nothing a fresh check would not.
 */
public final class VerifiedPasswords {

  /** What is known about one (username, stored hash, password). */
  public enum Known {
    RIGHT,
    WRONG,
    UNKNOWN
  }

  private static final String HMAC = "HmacSHA256";

  private final ThreadLocal<Mac> macs;
  private final Cache<ByteBuffer, Boolean> right;
  private final Cache<ByteBuffer, Boolean> wrong;

  /**
   * @param rightFor how long a right password is remembered; zero remembers none
   * @param wrongFor how long a wrong password is remembered; zero remembers none
   * @param maxEntries most entries of each kind
   * @param clock time source for expiry
   */
  public VerifiedPasswords(Duration rightFor, Duration wrongFor, long maxEntries, Clock clock) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    SecretKeySpec key = new SecretKeySpec(secret, HMAC);
    this.macs = ThreadLocal.withInitial(() -> newMac(key));
    this.right = cache(rightFor, maxEntries, clock);
    this.wrong = cache(wrongFor, maxEntries, clock);
  }

  private static Cache<ByteBuffer, Boolean> cache(Duration ttl, long maxEntries, Clock clock) {
    return Caffeine.newBuilder()
        .expireAfterWrite(ttl)
        .maximumSize(ttl.isZero() ? 0 : maxEntries)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        // Maintenance on the caller's thread: no pool thread woken per login.
        .executor(Runnable::run)
        .build();
  }

  /** What a previous check said about this password for this account as stored now. */
  public Known lookup(String username, String storedHash, String password) {
    ByteBuffer k = digest(username, storedHash, password);
    if (right.getIfPresent(k) != null) {
      return Known.RIGHT;
    }
    return wrong.getIfPresent(k) != null ? Known.WRONG : Known.UNKNOWN;
  }

  /** Records the outcome of a slow check just made. */
  public void remember(String username, String storedHash, String password, boolean wasRight) {
    ByteBuffer k = digest(username, storedHash, password);
    if (wasRight) {
      wrong.invalidate(k);
      right.put(k, Boolean.TRUE);
    } else {
      wrong.put(k, Boolean.TRUE);
    }
  }

  private ByteBuffer digest(String username, String storedHash, String password) {
    Mac mac = macs.get();
    // Lengths first, so no two different triples share an input.
    byte[] u = username.getBytes(StandardCharsets.UTF_8);
    byte[] h = storedHash.getBytes(StandardCharsets.UTF_8);
    byte[] p = password.getBytes(StandardCharsets.UTF_8);
    mac.update(ByteBuffer.allocate(12).putInt(u.length).putInt(h.length).putInt(p.length).flip());
    mac.update(u);
    mac.update(h);
    mac.update(p);
    return ByteBuffer.wrap(mac.doFinal());
  }

  private static Mac newMac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}
