package org.smartkampung.core.login;

import java.time.Instant;

/**
 * One login a villager did not get: what the admin needs to answer "why can't Bu Sri log in?".
 *
 * @param at when it was refused
 * @param villageId the village of the hotspot it came through
 * @param who the username, voucher code or device (MAC) it was tried as; never a password
 * @param hotspot the NAS (hotspot) name, or "portal" when the portal refused it before any NAS
 * @param reason a short code, e.g. {@code bad_credentials}, {@code voucher_used}; the console shows
 *     it in words
 */
public record FailedLogin(Instant at, String villageId, String who, String hotspot, String reason) {

  /** Longest {@code who} kept, so a hostile username cannot fill the store. */
  public static final int MAX_WHO_CHARS = 64;

  public FailedLogin {
    who = who == null ? "" : who.length() > MAX_WHO_CHARS ? who.substring(0, MAX_WHO_CHARS) : who;
    hotspot = hotspot == null ? "" : hotspot;
  }
}
