package org.smartkampung.core.config;

import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.nas.NasType;

/**
 * A hotspot entry as written in the config file; see {@link NasClient} for the fields.
 *
 * <p>{@code uamSecret} is the CoovaChilli {@code uamsecret} of the hotspot (the portal checks the
 * redirect's {@code md} and mixes it into the CHAP challenge); null for other NAS types or a Chilli
 * without one.
 */
public record NasClientSettings(
    String name,
    String address,
    String secret,
    NasType type,
    String village,
    MessageAuthenticatorPolicy requireMessageAuthenticator,
    Integer coaPort,
    String uamSecret) {

  /** A hotspot without a CoovaChilli uamsecret. */
  public NasClientSettings(
      String name,
      String address,
      String secret,
      NasType type,
      String village,
      MessageAuthenticatorPolicy requireMessageAuthenticator,
      Integer coaPort) {
    this(name, address, secret, type, village, requireMessageAuthenticator, coaPort, null);
  }

  public NasClient toNasClient() {
    return new NasClient(
        name,
        address,
        secret,
        type,
        village,
        requireMessageAuthenticator,
        coaPort == null ? 0 : coaPort);
  }

  @Override
  public String toString() {
    return toNasClient().toString();
  }
}
