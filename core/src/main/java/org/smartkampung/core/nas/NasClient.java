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
 */
public record NasClient(
    String name,
    String address,
    String secret,
    NasType type,
    String village,
    MessageAuthenticatorPolicy requireMessageAuthenticator,
    int coaPort) {

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
