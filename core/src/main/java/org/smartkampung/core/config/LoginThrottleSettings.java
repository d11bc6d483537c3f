package org.smartkampung.core.config;

/**
 * The failure throttle on RADIUS password logins: wrong passwords are counted per user and per
 * device at a hotspot (NAS + Calling-Station-Id) in the store, shared by every server on Redis.
 * Once a count reaches its limit, further tries in the window are refused without checking the
 * password.
 *
 * @param maxFailuresPerUser wrong passwords for one username within the window (default 10)
 * @param maxFailuresPerDevice wrong passwords from one device at one hotspot within the window
 *     (default 5)
 * @param windowSeconds how long the counts last from the first failure (default 600)
 */
public record LoginThrottleSettings(
    Integer maxFailuresPerUser, Integer maxFailuresPerDevice, Integer windowSeconds) {

  public static final LoginThrottleSettings DEFAULTS = new LoginThrottleSettings(null, null, null);

  public LoginThrottleSettings {
    maxFailuresPerUser = maxFailuresPerUser == null ? 10 : maxFailuresPerUser;
    maxFailuresPerDevice = maxFailuresPerDevice == null ? 5 : maxFailuresPerDevice;
    windowSeconds = windowSeconds == null ? 600 : windowSeconds;
  }
}
