package org.smartkampung.core.gateway;

import org.smartkampung.core.nas.NasType;

/**
 * How our gateway reports the walled garden's traffic before login: the accounting of one
 * pseudo-session per gateway run, User-Name {@value #USERNAME}, Acct-Session-Id starting with
 * {@value #SESSION_PREFIX}, no MAC. The server charges it to the gateway's village (the village
 * pays for what its Wi-Fi delivered) and to no villager: it is never a villager of the monthly
 * report, and no villager's quota ends it.
 */
public final class GardenAccounting {

  /** The User-Name of the garden's pseudo-session. */
  public static final String USERNAME = "walled-garden";

  /** Acct-Session-Ids of garden pseudo-sessions start with this. */
  public static final String SESSION_PREFIX = "garden";

  private GardenAccounting() {}

  /**
   * Whether an accounting record is a garden pseudo-session's: only our gateway sends them, so the
   * same name from another kind of hotspot is an ordinary (if oddly named) villager.
   */
  public static boolean isGarden(NasType nasType, String userName, String acctSessionId) {
    return nasType == NasType.KAMPUNG_GATEWAY
        && USERNAME.equals(userName)
        && acctSessionId != null
        && acctSessionId.startsWith(SESSION_PREFIX);
  }
}
