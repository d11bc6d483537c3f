package org.smartkampung.portal.nas;

import java.util.Map;

/** How the portal finishes the NAS's own login once it has minted a token. */
public sealed interface NasCompletion {

  /** The browser posts these fields to the NAS (MikroTik), by script or by a visible button. */
  record AutoPost(String action, Map<String, String> fields) implements NasCompletion {}

  /** The browser is redirected to the NAS (CoovaChilli {@code logon}). */
  record Redirect(String url) implements NasCompletion {}

  /** The villager did not come through a hotspot, so there is no NAS login to finish. */
  record NoHotspot() implements NasCompletion {}

  /** Our gateway let the villager online: show the status page. */
  record Authorized() implements NasCompletion {}

  /**
   * Our gateway did not let the villager online.
   *
   * @param replyMessage the gateway's message (RADIUS Reply-Message); empty when none
   * @param unavailable true when the gateway or RADIUS could not be reached or failed, false when
   *     the login was refused
   */
  record Refused(String replyMessage, boolean unavailable) implements NasCompletion {}

  /** The NAS context could not be completed (malformed challenge, unsupported kind). */
  record Failed(String reason) implements NasCompletion {}
}
