package org.smartkampung.core.device;

/** Which of a village's device lists a MAC is on. */
public enum DeviceListKind {
  /** Refused at every login, by RADIUS and by the portal. */
  BLOCKED,
  /** Let through without the sign-in page (the kantor desa PC), still counted to the village. */
  BYPASS
}
