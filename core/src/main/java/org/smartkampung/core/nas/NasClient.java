package org.smartkampung.core.nas;

/**
 * A hotspot access point allowed to talk RADIUS to us.
 *
 * @param name unique name, used in metrics and logs
 * @param address source IP address or CIDR block the NAS sends from
 * @param secret the RADIUS shared secret
 * @param type what kind of NAS it is
 * @param village id of the village the hotspot belongs to
 * @param requireMessageAuthenticator the BlastRADIUS policy for this client
 * @param coaPort UDP port of the NAS's dynamic-authorization server (RFC 5176), usually 3799
 * @param certificate the RadSec client certificate that identifies the hotspot: {@code
 *     sha256:<fingerprint>} or a subject such as {@code CN=kemiren-hs1}; null when it speaks only
 *     UDP (see {@link HotspotCertificate})
 */
public record NasClient(
    String name,
    String address,
    String secret,
    NasType type,
    String village,
    MessageAuthenticatorPolicy requireMessageAuthenticator,
    int coaPort,
    String certificate) {

  /** The RFC 5176 port. */
  public static final int DEFAULT_COA_PORT = 3799;

  public NasClient {
    type = type == null ? NasType.GENERIC : type;
    requireMessageAuthenticator =
        requireMessageAuthenticator == null
            ? MessageAuthenticatorPolicy.YES
            : requireMessageAuthenticator;
    coaPort = coaPort == 0 ? DEFAULT_COA_PORT : coaPort;
  }

  /** A hotspot without a RadSec certificate. */
  public NasClient(
      String name,
      String address,
      String secret,
      NasType type,
      String village,
      MessageAuthenticatorPolicy requireMessageAuthenticator,
      int coaPort) {
    this(name, address, secret, type, village, requireMessageAuthenticator, coaPort, null);
  }

  /** Whether the hotspot has a source address for UDP (a RadSec-only one behind CGNAT has none). */
  public boolean hasAddress() {
    return address != null && !address.isBlank();
  }

  /**
   * This hotspot as it talks over RadSec: the same, with the fixed shared secret {@code radsec}.
   */
  public NasClient overRadSec() {
    return new NasClient(
        name, address, "radsec", type, village, requireMessageAuthenticator, coaPort, certificate);
  }

  /** Hides the secret so a logged or printed client never leaks it. */
  @Override
  public String toString() {
    return "NasClient[name="
        + name
        + ", address="
        + address
        + ", type="
        + type
        + ", village="
        + village
        + "]";
  }
}
