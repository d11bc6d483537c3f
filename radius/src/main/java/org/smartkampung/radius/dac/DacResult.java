package org.smartkampung.radius.dac;

import java.time.Instant;

/**
 * What came of one Disconnect-Request or CoA-Request (RFC 5176).
 *
 * @param kind disconnect or coa
 * @param sessionId our session id (NAS name + "/" + Acct-Session-Id)
 * @param nasName the NAS it went to
 * @param outcome the answer, or why there was none
 * @param attempts datagrams sent (1 plus retransmits)
 * @param errorCause the Error-Cause attribute of a NAK (RFC 5176 3.5), 0 when none
 * @param finishedAt when the result was known
 * @param viaRadSec whether it went over the hotspot's RadSec connection (else UDP to its coaPort)
 */
public record DacResult(
    Kind kind,
    String sessionId,
    String nasName,
    Outcome outcome,
    int attempts,
    long errorCause,
    Instant finishedAt,
    boolean viaRadSec) {

  public enum Kind {
    DISCONNECT,
    COA
  }

  public enum Outcome {
    /** The NAS answered Disconnect-ACK or CoA-ACK. */
    ACK,
    /** The NAS answered NAK; see {@code errorCause}. */
    NAK,
    /** No valid answer after every retry. */
    TIMEOUT,
    /** No live session with that id, or its NAS is not configured. */
    UNKNOWN_SESSION,
    /** Could not send (too many outstanding requests, socket closed). */
    ERROR
  }

  public boolean acknowledged() {
    return outcome == Outcome.ACK;
  }
}
