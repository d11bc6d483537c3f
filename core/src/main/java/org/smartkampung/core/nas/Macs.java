package org.smartkampung.core.nas;

/**
 * MAC addresses as NASes write them, brought to the one form the stores, the ledger and the login
 * tokens use: lowercase hex in colon form ({@code aa:bb:cc:dd:ee:ff}). MikroTik sends {@code
 * AA:BB:CC:DD:EE:FF}, CoovaChilli {@code AA-BB-CC-DD-EE-FF}, some Cisco-style NASes {@code
 * aabb.ccdd.eeff}, others twelve bare hex digits. The portal and the RADIUS server must agree on
 * the form, or a villager's device counts twice, so both normalise here.
 */
public final class Macs {

  private static final int COLON_FORM_CHARS = 17;

  private Macs() {}

  /**
   * The MAC in lowercase colon form, or {@code ""} when {@code text} (null allowed, surrounding
   * blanks ignored) is not a MAC in one of the forms above.
   */
  public static String normalize(String text) {
    if (text == null) {
      return "";
    }
    String s = text.strip();
    StringBuilder hex = new StringBuilder(12);
    switch (s.length()) {
      case COLON_FORM_CHARS -> {
        char separator = s.charAt(2);
        if (separator != ':' && separator != '-') {
          return "";
        }
        for (int i = 0; i < COLON_FORM_CHARS; i++) {
          if (i % 3 == 2) {
            if (s.charAt(i) != separator) {
              return "";
            }
          } else {
            hex.append(s.charAt(i));
          }
        }
      }
      case 14 -> {
        if (s.charAt(4) != '.' || s.charAt(9) != '.') {
          return "";
        }
        hex.append(s, 0, 4).append(s, 5, 9).append(s, 10, 14);
      }
      case 12 -> hex.append(s);
      default -> {
        return "";
      }
    }
    StringBuilder mac = new StringBuilder(COLON_FORM_CHARS);
    for (int i = 0; i < 12; i++) {
      char c = Character.toLowerCase(hex.charAt(i));
      if (Character.digit(c, 16) < 0) {
        return "";
      }
      if (i > 0 && i % 2 == 0) {
        mac.append(':');
      }
      mac.append(c);
    }
    return mac.toString();
  }

  /**
   * The device id the ledger counts for a normalised MAC seen at a client address: the MAC itself,
   * or, for a randomised MAC, the MAC and the address ({@code mac@ip}), because the phone shows
   * that MAC for one network only and the lease tells its connections apart. The portal (from the
   * NAS's redirect) and the RADIUS server (from Calling-Station-Id and Framed-IP-Address) must
   * build the same id, or a re-login of the same phone counts as a second device. Empty for an
   * empty MAC.
   */
  public static String deviceId(String normalizedMac, String clientIp) {
    if (normalizedMac.isEmpty()) {
      return "";
    }
    boolean perConnection =
        locallyAdministered(normalizedMac) && clientIp != null && !clientIp.isEmpty();
    return perConnection ? normalizedMac + "@" + clientIp : normalizedMac;
  }

  /**
   * Whether a normalised MAC has the locally-administered bit (0x02 of the first octet) set: a
   * randomised (private) address that phones rotate, so it names a connection, not a device.
   */
  public static boolean locallyAdministered(String normalizedMac) {
    return normalizedMac.length() == COLON_FORM_CHARS
        && (Character.digit(normalizedMac.charAt(1), 16) & 0x02) != 0;
  }
}
