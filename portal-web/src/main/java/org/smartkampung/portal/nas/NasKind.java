package org.smartkampung.portal.nas;

/** Which NAS login protocol sent the villager to the portal. */
public enum NasKind {
  /** No NAS parameters: the villager opened the portal directly (demo, services page). */
  NONE,
  /** MikroTik RouterOS hotspot (external login page, CHAP or PAP post to link-login-only). */
  MIKROTIK,
  /** CoovaChilli UAM (redirect to uamip:uamport/logon). */
  CHILLI,
  /** Our own gateway: signed redirect parameters in, a signed authorize call out. */
  GATEWAY
}
