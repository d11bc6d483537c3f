package org.smartkampung.core.signing;

import java.util.Arrays;

/**
 * One signing key: the rotation period it belongs to and its 32 random bytes. Equal by period and
 * bytes.
 *
 * @param period the rotation period (epoch milliseconds divided by the rotation interval)
 * @param bytes the key itself; never logged
 */
public record SigningKey(long period, byte[] bytes) {

  public SigningKey {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SigningKey k && k.period == period && Arrays.equals(k.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(period) * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "SigningKey[period=" + period + "]";
  }
}
