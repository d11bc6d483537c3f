package org.smartkampung.core.session;

import java.time.Instant;

/**
 * An admin changed quotas: the RADIUS role is to give the running sessions concerned their new
 * limits at once (CoA-Request where the NAS supports it, Disconnect-Request when nothing is left).
 *
 * @param id unique id the admin console uses to look up the {@link LimitsResult}
 * @param villageId the village whose admin changed something; when {@code userId} is empty, every
 *     live session of this village is concerned
 * @param userId the subscriber whose own quota override changed, whose live sessions (in any
 *     village) are concerned; empty for a village-wide change
 * @param requestedBy the admin who saved the change, for the audit trail
 * @param requestedAt when it was saved
 */
public record LimitsRequest(
    String id, String villageId, String userId, String requestedBy, Instant requestedAt) {

  /** Whether the request concerns one subscriber rather than a whole village. */
  public boolean forOneUser() {
    return userId != null && !userId.isEmpty();
  }
}
