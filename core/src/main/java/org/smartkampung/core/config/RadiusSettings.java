package org.smartkampung.core.config;

/**
 * The RADIUS server role.
 *
 * @param enabled whether {@code kampung run} starts it
 * @param bindAddress address to listen on
 * @param authPort UDP port for Access-Request and Status-Server (1812)
 * @param acctPort UDP port for Accounting-Request and Status-Server (1813)
 * @param dedupWindowSeconds how long a reply is kept to answer a retransmit (RFC 5080)
 * @param dictionary path of an extra RADIUS dictionary file; null for the built-in one
 * @param onStoreOutage what an Access-Request gets when the store fails (default {@code reject})
 * @param rememberedDeviceDays how long a device stays remembered for MAC login after its last login
 *     with a real credential (default 30)
 * @param passwordChecks threads, queue and cache of subscriber password checks
 * @param loginThrottle limits on wrong passwords per user and per device
 * @param radsec the RadSec (RADIUS over TLS) listener; off by default
 */
public record RadiusSettings(
    Boolean enabled,
    String bindAddress,
    Integer authPort,
    Integer acctPort,
    Integer dedupWindowSeconds,
    String dictionary,
    StoreOutagePolicy onStoreOutage,
    Integer rememberedDeviceDays,
    PasswordCheckSettings passwordChecks,
    LoginThrottleSettings loginThrottle,
    RadSecSettings radsec) {

  public static final RadiusSettings DEFAULTS =
      new RadiusSettings(null, null, null, null, null, null, null, null, null, null, null);

  public RadiusSettings {
    enabled = enabled == null || enabled;
    bindAddress = bindAddress == null ? "0.0.0.0" : bindAddress;
    authPort = authPort == null ? 1812 : authPort;
    acctPort = acctPort == null ? 1813 : acctPort;
    dedupWindowSeconds = dedupWindowSeconds == null ? 30 : dedupWindowSeconds;
    onStoreOutage = onStoreOutage == null ? StoreOutagePolicy.REJECT : onStoreOutage;
    rememberedDeviceDays = rememberedDeviceDays == null ? 30 : rememberedDeviceDays;
    passwordChecks = passwordChecks == null ? PasswordCheckSettings.DEFAULTS : passwordChecks;
    loginThrottle = loginThrottle == null ? LoginThrottleSettings.DEFAULTS : loginThrottle;
    radsec = radsec == null ? RadSecSettings.DEFAULTS : radsec;
  }

  /** Settings without RadSec. */
  public RadiusSettings(
      Boolean enabled,
      String bindAddress,
      Integer authPort,
      Integer acctPort,
      Integer dedupWindowSeconds,
      String dictionary,
      StoreOutagePolicy onStoreOutage,
      Integer rememberedDeviceDays,
      PasswordCheckSettings passwordChecks,
      LoginThrottleSettings loginThrottle) {
    this(
        enabled,
        bindAddress,
        authPort,
        acctPort,
        dedupWindowSeconds,
        dictionary,
        onStoreOutage,
        rememberedDeviceDays,
        passwordChecks,
        loginThrottle,
        null);
  }

  /** These settings with {@code radsec} as the RadSec listener. */
  public RadiusSettings withRadSec(RadSecSettings radsec) {
    return new RadiusSettings(
        enabled,
        bindAddress,
        authPort,
        acctPort,
        dedupWindowSeconds,
        dictionary,
        onStoreOutage,
        rememberedDeviceDays,
        passwordChecks,
        loginThrottle,
        radsec);
  }

  /** Settings with the default password checks and throttle. */
  public RadiusSettings(
      Boolean enabled,
      String bindAddress,
      Integer authPort,
      Integer acctPort,
      Integer dedupWindowSeconds,
      String dictionary,
      StoreOutagePolicy onStoreOutage,
      Integer rememberedDeviceDays) {
    this(
        enabled,
        bindAddress,
        authPort,
        acctPort,
        dedupWindowSeconds,
        dictionary,
        onStoreOutage,
        rememberedDeviceDays,
        null,
        null,
        null);
  }

  /** Settings with the default outage policy and remembering period. */
  public RadiusSettings(
      Boolean enabled,
      String bindAddress,
      Integer authPort,
      Integer acctPort,
      Integer dedupWindowSeconds,
      String dictionary) {
    this(
        enabled,
        bindAddress,
        authPort,
        acctPort,
        dedupWindowSeconds,
        dictionary,
        null,
        null,
        null,
        null,
        null);
  }
}
