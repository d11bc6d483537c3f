package org.smartkampung.radius.acct;

import java.time.Instant;
import java.util.Optional;
import org.smartkampung.core.nas.Macs;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.quota.SessionKey;
import org.smartkampung.core.session.Session;
import org.smartkampung.radius.auth.SessionClass;

/** Turns accounting records into ledger keys and stored sessions. Pure functions. */
final class SessionRecords {

  private SessionRecords() {}

  /**
   * The ledger key: village and user from our Class when the NAS echoed it, else from the stored
   * session, else the NAS's village and the User-Name; the device is {@link Macs#deviceId} of the
   * record, else of the stored session, else the user.
   */
  static SessionKey keyFor(
      NasClient nas, AccountingRecord record, String id, Optional<Session> previous) {
    Optional<SessionClass> bound = SessionClass.parse(record.sessionClass());
    String village =
        bound
            .map(SessionClass::villageId)
            .or(() -> previous.map(Session::villageId))
            .orElse(nas.village());
    String user =
        bound
            .map(SessionClass::userId)
            .or(() -> previous.map(Session::userId))
            .orElse(record.userName());
    String device = Macs.deviceId(Macs.normalize(record.callingStationId()), record.framedIp());
    if (device.isEmpty()) {
      device = previous.map(SessionRecords::deviceOf).orElse(user);
    }
    return new SessionKey(village, user, device, id);
  }

  /** The ledger key of a stored session. */
  static SessionKey keyOf(Session session) {
    return new SessionKey(session.villageId(), session.userId(), deviceOf(session), session.id());
  }

  private static String deviceOf(Session session) {
    String device = Macs.deviceId(session.deviceMac(), session.framedIp());
    return device.isEmpty() ? session.userId() : device;
  }

  static Session toSession(
      NasClient nas,
      String sourceIp,
      AccountingRecord record,
      SessionKey key,
      Optional<Session> previous,
      Instant now) {
    // Over the hotspot's own Acct-Session-Time: our clock's gap between two records says nothing
    // when a NAS sends buffered records back to back (it showed 98,666.7 Mbit/s).
    long bytes = record.downloadBytes() + record.uploadBytes();
    long rate = record.sessionSeconds() > 0 ? bytes * 8 / record.sessionSeconds() : 0;
    String mac = Macs.normalize(record.callingStationId());
    return new Session(
        key.sessionId(),
        key.villageId(),
        key.userId(),
        mac,
        nas.name(),
        sourceIp,
        record.acctSessionId(),
        record.framedIp(),
        previous.map(Session::startedAt).orElse(now.minusSeconds(record.sessionSeconds())),
        now,
        record.downloadBytes(),
        record.uploadBytes(),
        rate);
  }
}
