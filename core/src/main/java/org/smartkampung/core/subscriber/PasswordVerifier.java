package org.smartkampung.core.subscriber;

/**
 * Checks a password against a stored hash. Slow on purpose for real hashes ({@link
 * PasswordHasher#verify}, ~100 ms of CPU): callers run it on an executor of its own.
 */
@FunctionalInterface
public interface PasswordVerifier {

  /** The shipped PBKDF2 check. */
  PasswordVerifier PBKDF2 = PasswordHasher::verify;

  /** Whether {@code password} matches {@code storedHash}; false for a malformed hash. */
  boolean verify(String password, String storedHash);
}
