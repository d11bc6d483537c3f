package org.smartkampung.core.config;

/**
 * What the RADIUS server answers an Access-Request when the store (Redis, or the embedded store's
 * disk) fails while the request is decided. Written {@code reject} or {@code no-answer}.
 */
public enum StoreOutagePolicy {
  /** Access-Reject with a Reply-Message saying the service is disturbed: fail closed, visibly. */
  REJECT,
  /** No reply at all, so the NAS retries and then fails over to its secondary RADIUS server. */
  NO_ANSWER
}
