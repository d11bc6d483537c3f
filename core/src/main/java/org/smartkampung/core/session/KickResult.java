package org.smartkampung.core.session;

import java.time.Instant;

/**
 * What came of a {@link KickRequest}, recorded by the RADIUS role.
 *
 * @param requestId the request's id
 * @param sessionId the session it was for
 * @param outcome what the NAS answered
 * @param detail a line for the admin, e.g. the Error-Cause of a NAK; may be empty
 * @param finishedAt when the answer (or the timeout) came
 */
public record KickResult(
    String requestId, String sessionId, Outcome outcome, String detail, Instant finishedAt) {

  /** How a disconnect ended. */
  public enum Outcome {
    /** The NAS acknowledged (Disconnect-ACK). */
    DISCONNECTED,
    /** The NAS refused (Disconnect-NAK). */
    REFUSED,
    /** The NAS did not answer after every retry. */
    NO_ANSWER,
    /** No live session has that id. */
    UNKNOWN_SESSION,
    /** It could not be sent (no such NAS in the config, socket error). */
    FAILED
  }
}
