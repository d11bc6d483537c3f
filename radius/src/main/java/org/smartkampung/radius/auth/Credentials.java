package org.smartkampung.radius.auth;

import java.nio.charset.StandardCharsets;
import org.smartkampung.codec.Attributes;
import org.smartkampung.codec.PacketCodec;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.core.nas.Macs;
import org.tinyradius.packet.RadiusPacket;

/**
 * What an Access-Request claims: a user name and either a PAP password or a CHAP response, and the
 * device. The secrets are checked by {@link #matches}, never stored.
 *
 * @param username User-Name as sent
 * @param papPassword decrypted User-Password, or null when the request uses CHAP or neither
 * @param chapPassword CHAP-Password (identifier + 16-byte response), or null
 * @param chapChallenge CHAP-Challenge, or the request authenticator when absent (RFC 2865 2.2)
 * @param deviceMac Calling-Station-Id as a lowercase colon MAC, or "" when absent or not a MAC
 * @param deviceId the device the ledger counts ({@link Macs#deviceId} of the MAC and
 *     Framed-IP-Address), or "" without a MAC
 */
public record Credentials(
    String username,
    String papPassword,
    byte[] chapPassword,
    byte[] chapChallenge,
    String deviceMac,
    String deviceId) {

  /** Reads the credentials, decrypting a PAP password with the NAS's secret. */
  public static Credentials from(RadiusPacket packet, byte[] authenticator, String secret) {
    String username = Attributes.string(packet, RadiusCode.ATTR_USER_NAME);
    byte[] encrypted = Attributes.raw(packet, RadiusCode.ATTR_USER_PASSWORD);
    String pap =
        encrypted == null
            ? null
            : PacketCodec.decryptPapPassword(
                encrypted, authenticator, secret.getBytes(StandardCharsets.UTF_8));
    byte[] chap = Attributes.raw(packet, RadiusCode.ATTR_CHAP_PASSWORD);
    byte[] challenge = Attributes.raw(packet, RadiusCode.ATTR_CHAP_CHALLENGE);
    String mac = Macs.normalize(Attributes.string(packet, RadiusCode.ATTR_CALLING_STATION_ID));
    return new Credentials(
        username == null ? "" : username,
        pap,
        chap,
        challenge == null ? authenticator : challenge,
        mac,
        Macs.deviceId(mac, Attributes.ipv4(packet, RadiusCode.ATTR_FRAMED_IP_ADDRESS)));
  }

  /** Whether the request proves knowledge of {@code secret} by PAP or by CHAP. */
  public boolean matches(String secret) {
    if (secret == null) {
      return false;
    }
    if (papPassword != null) {
      return java.security.MessageDigest.isEqual(
          papPassword.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }
    return PacketCodec.chapMatches(chapPassword, chapChallenge, secret);
  }

  public boolean isChap() {
    return papPassword == null && chapPassword != null;
  }
}
