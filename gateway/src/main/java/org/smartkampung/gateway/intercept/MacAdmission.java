package org.smartkampung.gateway.intercept;

import java.util.concurrent.CompletionStage;

/**
 * Lets a captive client in by its MAC alone when RADIUS accepts a MAC-auth request for it (the
 * village's bypass devices, remembered devices where the village uses MAC login), so it never sees
 * the sign-in page.
 */
@FunctionalInterface
public interface MacAdmission {

  /** Never admits anyone: every captive client is redirected to the portal. */
  MacAdmission NONE = (ip, mac) -> null;

  /**
   * Tries to let the client in by MAC, off the caller's thread.
   *
   * @return completes true when the client is now online; null when no attempt is made now (one was
   *     made for this MAC a short while ago), so the caller redirects at once
   */
  CompletionStage<Boolean> tryAdmit(String ip, String mac);
}
