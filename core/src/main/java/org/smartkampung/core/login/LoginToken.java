package org.smartkampung.core.login;

import java.time.Instant;

/**
 * A one-time credential the portal mints after it has verified a villager itself, and hands to the
 * NAS's own login so RADIUS never sees a villager's real password.
 *
 * @param username random user name the NAS sends in its Access-Request
 * @param secret random secret the NAS sends as PAP password or CHAP response input
 * @param villageId village the login is for
 * @param userId the identity the session charges: subscriber username, voucher code, or a
 *     click-through id
 * @param method how the portal verified the villager
 * @param deviceMac device MAC as the NAS reported it; empty when unknown. RADIUS accepts the token
 *     only with this Calling-Station-Id
 * @param hotspot name of the configured hotspot (NAS client) that sent the villager to the portal;
 *     RADIUS accepts the token only from that NAS, so a token never works at another hotspot or
 *     village. Empty when no hotspot identified itself: such a token works nowhere
 * @param expiresAt after this instant the token is refused
 */
public record LoginToken(
    String username,
    String secret,
    String villageId,
    String userId,
    LoginMethod method,
    String deviceMac,
    String hotspot,
    Instant expiresAt) {

  public LoginToken {
    deviceMac = deviceMac == null ? "" : deviceMac;
    hotspot = hotspot == null ? "" : hotspot;
  }

  @Override
  public String toString() {
    return "LoginToken[username="
        + username
        + ", village="
        + villageId
        + ", user="
        + userId
        + ", method="
        + method
        + ", hotspot="
        + hotspot
        + "]";
  }
}
