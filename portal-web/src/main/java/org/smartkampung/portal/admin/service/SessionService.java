package org.smartkampung.portal.admin.service;

import java.util.Optional;
import org.smartkampung.core.session.KickRequest;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionCommands;
import org.smartkampung.core.session.SessionStore;

/**
 * Kicking a live session: the console and the API put a disconnect command on the store's session
 * channel; the RADIUS role sends the Disconnect-Request and records the result. Blocking.
 */
public final class SessionService {

  /** Disconnects one session of the village. */
  public record Kick(String villageId, String sessionId, String actor) {
    public Kick {
      sessionId = sessionId == null ? "" : sessionId;
    }
  }

  private final SessionStore sessions;
  private final SessionCommands commands;
  private final Audit audit;

  public SessionService(SessionStore sessions, SessionCommands commands, Audit audit) {
    this.sessions = sessions;
    this.commands = commands;
    this.audit = audit;
  }

  /**
   * Queues the disconnect, audited once as {@code session.kick} (before: user and device; after:
   * the request id).
   *
   * @return the queued request, whose id reads the result; {@link AdminError.NotFound} for a
   *     session not live, {@link AdminError.OtherVillage} for another village's
   */
  public Outcome<KickRequest> kick(Kick command) {
    Optional<Session> session =
        command.sessionId().isEmpty() ? Optional.empty() : sessions.find(command.sessionId());
    if (session.isEmpty()) {
      return Outcome.refused(new AdminError.NotFound());
    }
    Session s = session.get();
    if (!s.villageId().equals(command.villageId())) {
      return Outcome.refused(new AdminError.OtherVillage());
    }
    KickRequest request = commands.requestKick(command.sessionId(), command.actor());
    audit.record(
        command.actor(),
        command.villageId(),
        "session.kick",
        command.sessionId(),
        s.userId() + " " + s.deviceMac(),
        "request " + request.id());
    return Outcome.done(request);
  }
}
