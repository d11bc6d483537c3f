package org.smartkampung.radius.auth;

/** What checking the credentials of an Access-Request found. */
public enum CredentialOutcome {
  VALID,
  BAD_CREDENTIALS,
  VOUCHER_USED,
  VOUCHER_EXPIRED,
  /** The device's MAC is on the block list of the asking hotspot's village. */
  DEVICE_BLOCKED
}
