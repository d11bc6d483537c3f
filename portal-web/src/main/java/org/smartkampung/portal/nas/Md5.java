package org.smartkampung.portal.nas;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5 over concatenated byte arrays; the hash both NAS CHAP schemes are built on. */
final class Md5 {

  private Md5() {}

  static byte[] of(byte[]... parts) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      for (byte[] part : parts) {
        md5.update(part);
      }
      return md5.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JDK", e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
