package org.smartkampung.core.config;

import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.nas.NasType;

/** A hotspot entry as written in the config file; see {@link NasClient} for the fields. */
public record NasClientSettings(
    String name,
    String address,
    String secret,
    NasType type,
    String village,
    MessageAuthenticatorPolicy requireMessageAuthenticator,
    Integer coaPort) {

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
