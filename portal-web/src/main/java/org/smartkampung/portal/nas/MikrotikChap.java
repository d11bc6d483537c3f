package org.smartkampung.portal.nas;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The MikroTik RouterOS hotspot's login arithmetic. The hotspot hands the login page {@code
 * chap-id} and {@code chap-challenge} as octal-escaped strings (for example {@code \371\042...});
 * the page answers with {@code password = hex(MD5(chap-id + secret + chap-challenge))}, or the
 * secret itself (PAP) when the hotspot sent no challenge.
 */
public final class MikrotikChap {

  private MikrotikChap() {}

  /**
   * Decodes RouterOS's escaping: {@code \ooo} (three octal digits) is one byte, any other character
   * is its own byte (Latin-1). Empty for a malformed escape.
   */
  public static Optional<byte[]> decodeOctal(String escaped) {
    if (escaped == null) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(escaped.length());
    int i = 0;
    while (i < escaped.length()) {
      char c = escaped.charAt(i);
      if (c == '\\') {
        if (i + 3 >= escaped.length()) {
          return Optional.empty();
        }
        int value = 0;
        for (int k = 1; k <= 3; k++) {
          char d = escaped.charAt(i + k);
          if (d < '0' || d > '7') {
            return Optional.empty();
          }
          value = value * 8 + (d - '0');
        }
        if (value > 0xff) {
          return Optional.empty();
        }
        out.write(value);
        i += 4;
      } else {
        if (c > 0xff) {
          return Optional.empty();
        }
        out.write(c);
        i++;
      }
    }
    return Optional.of(out.toByteArray());
  }

  /**
   * The password field to post: CHAP response in lowercase hex when the hotspot sent a challenge,
   * else the secret as is (PAP). Empty when chap-id or chap-challenge is malformed.
   */
  public static Optional<String> password(String chapId, String chapChallenge, String secret) {
    if (chapChallenge == null || chapChallenge.isEmpty()) {
      return Optional.of(secret);
    }
    Optional<byte[]> id = decodeOctal(chapId);
    Optional<byte[]> challenge = decodeOctal(chapChallenge);
    if (id.isEmpty() || id.get().length != 1 || challenge.isEmpty()) {
      return Optional.empty();
    }
    byte[] response = Md5.of(id.get(), secret.getBytes(StandardCharsets.UTF_8), challenge.get());
    return Optional.of(Md5.hex(response));
  }
}
