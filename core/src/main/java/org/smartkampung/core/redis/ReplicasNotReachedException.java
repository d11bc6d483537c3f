package org.smartkampung.core.redis;

/**
 * Redis took a write but too few replicas acknowledged it in time: it is not yet safe from a
 * failover, so it must not be acknowledged to a NAS.
 */
public final class ReplicasNotReachedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReplicasNotReachedException(String message) {
    super(message);
  }
}
