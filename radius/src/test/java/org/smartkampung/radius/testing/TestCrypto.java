package org.smartkampung.radius.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TEST FIXTURE: RADIUS authenticator checks written independently of the production codec, so a
 * shared mistake cannot make both sides agree.
 */
public final class TestCrypto {

  private TestCrypto() {}

  public static byte[] md5(byte[]... parts) {
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

  public static byte[] hmacMd5(String secret, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacMD5");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
      return mac.doFinal(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** MD5(code|id|len|authenticatorInField|attrs|secret) equals the packet's authenticator. */
  public static boolean authenticatorIs(byte[] packet, byte[] authenticatorInField, String secret) {
    byte[] expected =
        md5(
            Arrays.copyOfRange(packet, 0, 4),
            authenticatorInField,
            Arrays.copyOfRange(packet, 20, packet.length),
            secret.getBytes(StandardCharsets.UTF_8));
    return Arrays.equals(expected, Arrays.copyOfRange(packet, 4, 20));
  }

  /** Offset of the first attribute of the type, or -1. */
  public static int attributeOffset(byte[] packet, int type) {
    for (int pos = 20; pos + 2 <= packet.length; pos += packet[pos + 1] & 0xff) {
      if ((packet[pos] & 0xff) == type) {
        return pos;
      }
      if ((packet[pos + 1] & 0xff) < 2) {
        return -1;
      }
    }
    return -1;
  }

  /** Whether the Message-Authenticator is valid with {@code authenticator} in the header. */
  public static boolean messageAuthenticatorValid(
      byte[] packet, byte[] authenticator, String secret) {
    int at = attributeOffset(packet, 80);
    if (at < 0) {
      return false;
    }
    byte[] copy = packet.clone();
    System.arraycopy(authenticator, 0, copy, 4, 16);
    Arrays.fill(copy, at + 2, at + 18, (byte) 0);
    return Arrays.equals(hmacMd5(secret, copy), Arrays.copyOfRange(packet, at + 2, at + 18));
  }

  /** The string value of the first standard attribute of that type, or null. */
  public static String stringAttribute(byte[] packet, int type) {
    int at = attributeOffset(packet, type);
    return at < 0
        ? null
        : new String(packet, at + 2, (packet[at + 1] & 0xff) - 2, StandardCharsets.UTF_8);
  }

  /** The value of the first vendor-specific attribute of that vendor and type, or null. */
  public static byte[] vendorAttribute(byte[] packet, int vendorId, int type) {
    for (int pos = 20; pos + 2 <= packet.length; pos += packet[pos + 1] & 0xff) {
      int length = packet[pos + 1] & 0xff;
      if (length < 2) {
        return null;
      }
      if ((packet[pos] & 0xff) == 26 && length >= 8) {
        int vendor =
            ((packet[pos + 2] & 0xff) << 24)
                | ((packet[pos + 3] & 0xff) << 16)
                | ((packet[pos + 4] & 0xff) << 8)
                | (packet[pos + 5] & 0xff);
        if (vendor == vendorId && (packet[pos + 6] & 0xff) == type) {
          return Arrays.copyOfRange(packet, pos + 8, pos + 6 + (packet[pos + 7] & 0xff));
        }
      }
    }
    return null;
  }

  /** A 4-byte attribute value as an unsigned number. */
  public static long unsigned(byte[] value) {
    long n = 0;
    for (byte b : value) {
      n = (n << 8) | (b & 0xff);
    }
    return n;
  }
}
