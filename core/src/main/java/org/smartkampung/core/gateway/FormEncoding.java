package org.smartkampung.core.gateway;

import java.nio.charset.StandardCharsets;

/**
 * {@code application/x-www-form-urlencoded} encoding exactly as {@link java.net.URLEncoder} does it
 * in UTF-8 (letters, digits and {@code .-*_} kept, space as {@code +}, every other byte as {@code
 * %XX} in upper case), appended to a builder instead of making a new string: the captive
 * interceptor encodes every redirect twice.
 */
final class FormEncoding {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private FormEncoding() {}

  /** Appends {@code value} encoded (null as empty) and returns {@code out}. */
  static StringBuilder append(StringBuilder out, String value) {
    if (value == null) {
      return out;
    }
    int length = value.length();
    int run = 0; // start of the current run of characters kept as they are
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (keeps(c)) {
        continue;
      }
      out.append(value, run, i);
      run = i + 1;
      if (c == ' ') {
        out.append('+');
      } else if (c < 0x80) {
        percent(out, c);
      } else {
        // Non-ASCII is rare in a URL a phone asks for; encode the rest of the string by bytes.
        for (byte b : value.substring(i).getBytes(StandardCharsets.UTF_8)) {
          int u = b & 0xff;
          if (u < 0x80 && keeps((char) u)) {
            out.append((char) u);
          } else if (u == ' ') {
            out.append('+');
          } else {
            percent(out, u);
          }
        }
        return out;
      }
    }
    return out.append(value, run, length);
  }

  /** The ASCII characters kept as they are, looked up instead of compared one range at a time. */
  private static final boolean[] KEPT = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      KEPT[c] =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '-'
              || c == '*'
              || c == '_';
    }
  }

  private static boolean keeps(char c) {
    return c < 128 && KEPT[c];
  }

  private static void percent(StringBuilder out, int b) {
    out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
  }
}
