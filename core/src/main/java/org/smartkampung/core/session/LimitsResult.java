package org.smartkampung.core.session;

import java.time.Instant;

/**
 * What came of a {@link LimitsRequest}, recorded by the RADIUS role once every NAS answered or
 * timed out. Counts are of live sessions.
 *
 * @param requestId the request's id
 * @param villageId the request's village, so a console shows it only to that village's admins
 * @param sessions live sessions the change concerned
 * @param coaSent sessions sent a CoA-Request with their new limits
 * @param coaAcknowledged of those, sessions whose NAS answered CoA-ACK
 * @param disconnectsSent sessions sent a Disconnect-Request because the new limits leave nothing
 * @param disconnected of those, sessions whose NAS answered Disconnect-ACK
 * @param atNextInterim sessions on a NAS without CoA (or whose limits could not be computed), which
 *     get the new limits only at their next Interim-Update or login
 * @param finishedAt when the last answer (or timeout) came
 */
public record LimitsResult(
    String requestId,
    String villageId,
    int sessions,
    int coaSent,
    int coaAcknowledged,
    int disconnectsSent,
    int disconnected,
    int atNextInterim,
    Instant finishedAt) {}
