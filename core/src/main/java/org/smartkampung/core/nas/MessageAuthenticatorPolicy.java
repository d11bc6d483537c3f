package org.smartkampung.core.nas;

/**
 * Whether an Access-Request from a NAS must carry a Message-Authenticator (RFC 3579), the
 * BlastRADIUS (CVE-2024-3596) defence.
 */
public enum MessageAuthenticatorPolicy {
  /** Always required; requests without one are dropped. The default. */
  YES,
  /** Not required (old firmware); a warning is logged at start-up. */
  NO,
  /** Required from the first Access-Request that carries one, remembered across restarts. */
  AUTO
}
