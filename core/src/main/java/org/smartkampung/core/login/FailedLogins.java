package org.smartkampung.core.login;

import java.util.List;

/**
 * The most recent refused logins of each village, RADIUS rejects and portal failures alike: a
 * bounded ring per village ({@link #KEPT_PER_VILLAGE}), shared by every server on Redis.
 */
public interface FailedLogins {

  /** Entries kept per village; older ones fall off. */
  int KEPT_PER_VILLAGE = 100;

  /** Keeps {@code failed}; never throws for a store outage (losing one entry is acceptable). */
  void record(FailedLogin failed);

  /** The newest first, at most {@code limit} (and at most {@link #KEPT_PER_VILLAGE}). */
  List<FailedLogin> recent(String villageId, int limit);
}
