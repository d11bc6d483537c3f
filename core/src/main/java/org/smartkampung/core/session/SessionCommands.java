package org.smartkampung.core.session;

import java.time.Duration;
import java.util.Optional;

/**
 * The channel through which the admin console asks the RADIUS role to disconnect a session or to
 * give running sessions new limits after a quota change, and reads what came of it. The console
 * never talks to a NAS itself: the RADIUS role owns the dynamic-authorization client. Works the
 * same when console and RADIUS are different processes sharing one Redis; each request is taken by
 * exactly one RADIUS instance.
 */
public interface SessionCommands {

  /** Queues a disconnect of the session and returns the request (its id finds the result). */
  KickRequest requestKick(String sessionId, String requestedBy);

  /**
   * Takes the next queued request, waiting at most {@code wait}; empty when none came.
   *
   * @throws InterruptedException when the waiting thread is interrupted (role shutting down)
   */
  Optional<KickRequest> nextKick(Duration wait) throws InterruptedException;

  /** Records the result so the console can show it; kept for at least a day. */
  void recordResult(KickResult result);

  Optional<KickResult> result(String requestId);

  /**
   * Queues "give the running sessions their new limits" after an admin changed quotas, and returns
   * the request (its id finds the result).
   *
   * @param villageId the village whose admin saved the change
   * @param userId the subscriber whose override changed; empty for every session of the village
   */
  LimitsRequest requestLimits(String villageId, String userId, String requestedBy);

  /**
   * Takes the next queued limits request, waiting at most {@code wait}; empty when none came.
   *
   * @throws InterruptedException when the waiting thread is interrupted (role shutting down)
   */
  Optional<LimitsRequest> nextLimits(Duration wait) throws InterruptedException;

  /** Records the result so the console can show it; kept for at least a day. */
  void recordLimitsResult(LimitsResult result);

  Optional<LimitsResult> limitsResult(String requestId);
}
