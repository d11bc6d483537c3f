package org.smartkampung.radius.acct;

import org.smartkampung.codec.Attributes;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.core.quota.AccountingEvent;
import org.smartkampung.core.quota.SessionCounters;
import org.tinyradius.packet.RadiusPacket;

/**
 * The fields of an Accounting-Request, with Gigawords applied and directions turned to the
 * villager's view: the NAS's Acct-Output (what it sent to the villager) is the villager's download.
 *
 * @param statusType Acct-Status-Type, -1 when absent
 * @param acctSessionId the NAS's Acct-Session-Id, or null
 * @param userName User-Name, or ""
 * @param sessionClass the Class we set at Accept, or null
 * @param callingStationId Calling-Station-Id, or null
 * @param framedIp Framed-IP-Address as text, or ""
 * @param downloadBytes cumulative bytes the villager received
 * @param uploadBytes cumulative bytes the villager sent
 * @param sessionSeconds Acct-Session-Time
 * @param delaySeconds Acct-Delay-Time: how long the NAS has held the record, 0 when absent
 */
public record AccountingRecord(
    int statusType,
    String acctSessionId,
    String userName,
    String sessionClass,
    String callingStationId,
    String framedIp,
    long downloadBytes,
    long uploadBytes,
    long sessionSeconds,
    long delaySeconds) {

  public static final int START = 1;
  public static final int STOP = 2;
  public static final int INTERIM_UPDATE = 3;
  public static final int ACCOUNTING_ON = 7;
  public static final int ACCOUNTING_OFF = 8;

  public static AccountingRecord from(RadiusPacket packet) {
    String user = Attributes.string(packet, RadiusCode.ATTR_USER_NAME);
    return new AccountingRecord(
        (int) Attributes.unsignedOr(packet, RadiusCode.ATTR_ACCT_STATUS_TYPE, -1),
        Attributes.string(packet, RadiusCode.ATTR_ACCT_SESSION_ID),
        user == null ? "" : user,
        Attributes.string(packet, RadiusCode.ATTR_CLASS),
        Attributes.string(packet, RadiusCode.ATTR_CALLING_STATION_ID),
        Attributes.ipv4(packet, RadiusCode.ATTR_FRAMED_IP_ADDRESS),
        octets(packet, RadiusCode.ATTR_ACCT_OUTPUT_OCTETS, RadiusCode.ATTR_ACCT_OUTPUT_GIGAWORDS),
        octets(packet, RadiusCode.ATTR_ACCT_INPUT_OCTETS, RadiusCode.ATTR_ACCT_INPUT_GIGAWORDS),
        Attributes.unsignedOr(packet, RadiusCode.ATTR_ACCT_SESSION_TIME, 0),
        Attributes.unsignedOr(packet, RadiusCode.ATTR_ACCT_DELAY_TIME, 0));
  }

  /** The record as the ledger takes it; null for a status type that concerns no one session. */
  public AccountingEvent event() {
    AccountingEvent.Kind kind =
        switch (statusType) {
          case START -> AccountingEvent.Kind.START;
          case INTERIM_UPDATE -> AccountingEvent.Kind.INTERIM;
          case STOP -> AccountingEvent.Kind.STOP;
          default -> null;
        };
    return kind == null
        ? null
        : new AccountingEvent(
            kind, new SessionCounters(downloadBytes, uploadBytes, sessionSeconds), delaySeconds);
  }

  private static long octets(RadiusPacket packet, int octetsType, int gigawordsType) {
    return (Attributes.unsignedOr(packet, gigawordsType, 0) << 32)
        + Attributes.unsignedOr(packet, octetsType, 0);
  }
}
