package org.smartkampung.core.login;

/** The ways a villager may get online; a deployment enables some of them. */
public enum LoginMethod {
  /** One tap on "Internet Gratis" after reading short terms. */
  CLICK_THROUGH,
  /** A printed voucher code. */
  VOUCHER,
  /** A subscriber username and password. */
  SUBSCRIBER,
  /** A remembered device, by MAC address, where the village enables it. */
  MAC
}
