package org.smartkampung.core.config;

import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.nas.NasType;

/**
 * A hotspot entry as written in the config file; see {@link NasClient} for the fields.
 *
 * <p>{@code uamSecret} is the CoovaChilli <code>uamsecret</code> of the hotspot (the portal checks
 * the redirect's {@code md} and mixes it into the CHAP challenge); null for other NAS types or a
 * Chilli without one.
 *
 * <p>{@code loginHost} is the host the hotspot's own login page is at, as villagers' phones reach
 * it: MikroTik's {@code link-login-only} host or Chilli's {@code uamip}. The portal sends one-time
 * logins only there. Null means the hotspot's {@code address}.
 */
public record NasClientSettings(
    String name,
    String address,
    String secret,
    NasType type,
    String village,
    MessageAuthenticatorPolicy requireMessageAuthenticator,
    Integer coaPort,
    String uamSecret,
    String loginHost,
    String certificate) {

  /** A hotspot without a RadSec certificate. */
  public NasClientSettings(
      String name,
      String address,
      String secret,
      NasType type,
      String village,
      MessageAuthenticatorPolicy requireMessageAuthenticator,
      Integer coaPort,
      String uamSecret,
      String loginHost) {
    this(
        name,
        address,
        secret,
        type,
        village,
        requireMessageAuthenticator,
        coaPort,
        uamSecret,
        loginHost,
        null);
  }

  /** A hotspot whose login page is at its {@code address}. */
  public NasClientSettings(
      String name,
      String address,
      String secret,
      NasType type,
      String village,
      MessageAuthenticatorPolicy requireMessageAuthenticator,
      Integer coaPort,
      String uamSecret) {
    this(
        name,
        address,
        secret,
        type,
        village,
        requireMessageAuthenticator,
        coaPort,
        uamSecret,
        null);
  }

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

  /** Where the hotspot's login page is: {@code login-host}, else the address (without a /bits). */
  public String effectiveLoginHost() {
    if (loginHost != null && !loginHost.isBlank()) {
      return loginHost.trim();
    }
    if (address == null) {
      return "";
    }
    int slash = address.indexOf('/');
    return slash < 0 ? address : address.substring(0, slash);
  }

  public NasClient toNasClient() {
    return new NasClient(
        name,
        address,
        secret,
        type,
        village,
        requireMessageAuthenticator,
        coaPort == null ? 0 : coaPort,
        certificate);
  }

  @Override
  public String toString() {
    return toNasClient().toString();
  }
}
