package org.smartkampung.core.session;

import java.util.List;
import java.util.Optional;

/** Live sessions, shared by every instance through the configured store. */
public interface SessionStore {

  /** Inserts or replaces the session. */
  void put(Session session);

  Optional<Session> find(String id);

  /** Removes the session; returns the removed one. */
  Optional<Session> remove(String id);

  /** The village's live sessions, oldest first. */
  List<Session> listByVillage(String villageId);

  /** The live sessions reported by one NAS (for Accounting-On/Off). */
  List<Session> listByNas(String nasName);

  /**
   * The live session whose {@link Session#framedIp()} is {@code framedIp}, for the portal's status
   * page and RFC 8908 API, which know a client only by its address. When several share it (a
   * session the NAS never stopped, or two villages' hotspots leasing the same private range), the
   * one that started last. Empty for an empty address.
   */
  Optional<Session> findByFramedIp(String framedIp);
}
