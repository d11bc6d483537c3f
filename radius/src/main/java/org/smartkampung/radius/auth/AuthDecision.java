package org.smartkampung.radius.auth;

/** The answer to an Access-Request: accept with limits, or reject with a reason. */
public sealed interface AuthDecision {

  /**
   * Accept. Every byte and time limit is already the minimum of the user's remaining, the village's
   * remaining and the policy cap.
   *
   * @param sessionTimeoutSeconds longest this session may last
   * @param idleTimeoutSeconds idle time after which the NAS ends it
   * @param interimIntervalSeconds how often the NAS reports usage
   * @param bytesRemaining bytes (in plus out) the session may use; {@link Long#MAX_VALUE} for none
   * @param downBitsPerSecond download rate cap; 0 for none
   * @param upBitsPerSecond upload rate cap; 0 for none
   * @param sessionClass the Class value binding accounting to village and user
   */
  record Accept(
      long sessionTimeoutSeconds,
      long idleTimeoutSeconds,
      long interimIntervalSeconds,
      long bytesRemaining,
      long downBitsPerSecond,
      long upBitsPerSecond,
      String sessionClass)
      implements AuthDecision {}

  /** Reject; {@code replyMessage} is what the villager reads. */
  record Reject(RejectReason reason, String replyMessage) implements AuthDecision {}
}
