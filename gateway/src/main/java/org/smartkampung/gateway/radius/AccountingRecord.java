package org.smartkampung.gateway.radius;

/**
 * One Accounting-Request the gateway sends for a client session.
 *
 * @param status Start, Interim-Update or Stop
 * @param username the User-Name that logged in
 * @param acctSessionId the session's Acct-Session-Id
 * @param clientIp the client's IPv4 address (Framed-IP-Address)
 * @param clientMac the client's MAC, lowercase with colons; empty when unknown
 * @param classValue the Class from the Access-Accept, echoed back; empty when none
 * @param sessionSeconds seconds since the session started (Acct-Session-Time)
 * @param inputBytes bytes the client sent (Acct-Input-Octets/Gigawords, RFC 2866)
 * @param outputBytes bytes the client received (Acct-Output-Octets/Gigawords)
 * @param terminateCause Acct-Terminate-Cause on Stop, null otherwise
 * @param eventEpochSeconds Event-Timestamp
 */
public record AccountingRecord(
    Status status,
    String username,
    String acctSessionId,
    String clientIp,
    String clientMac,
    byte[] classValue,
    long sessionSeconds,
    long inputBytes,
    long outputBytes,
    TerminateCause terminateCause,
    long eventEpochSeconds) {

  /** Acct-Status-Type values (RFC 2866). */
  public enum Status {
    START(1),
    STOP(2),
    INTERIM_UPDATE(3);

    public final int code;

    Status(int code) {
      this.code = code;
    }
  }

  /** Acct-Terminate-Cause values the gateway sends (RFC 2866 section 5.10). */
  public enum TerminateCause {
    USER_REQUEST(1),
    LOST_CARRIER(2),
    IDLE_TIMEOUT(4),
    SESSION_TIMEOUT(5),
    ADMIN_RESET(6),
    NAS_ERROR(9),
    NAS_REQUEST(10),
    NAS_REBOOT(11);

    public final int code;

    TerminateCause(int code) {
      this.code = code;
    }
  }
}
