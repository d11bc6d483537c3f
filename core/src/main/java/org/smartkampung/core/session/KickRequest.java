package org.smartkampung.core.session;

import java.time.Instant;

/**
 * An admin's request to disconnect a live session, queued for the RADIUS role.
 *
 * @param id unique id the admin console uses to look up the result
 * @param sessionId the {@link Session#id()} to disconnect
 * @param requestedBy the admin who asked, for the audit trail
 * @param requestedAt when it was asked
 */
public record KickRequest(String id, String sessionId, String requestedBy, Instant requestedAt) {}
