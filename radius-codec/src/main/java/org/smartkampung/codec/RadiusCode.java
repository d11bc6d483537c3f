package org.smartkampung.codec;

/** RADIUS packet codes (RFC 2865, 2866, 5176, 5997) and attribute types this server reads. */
public final class RadiusCode {
  public static final int ACCESS_REQUEST = 1;
  public static final int ACCESS_ACCEPT = 2;
  public static final int ACCESS_REJECT = 3;
  public static final int ACCOUNTING_REQUEST = 4;
  public static final int ACCOUNTING_RESPONSE = 5;
  public static final int ACCESS_CHALLENGE = 11;
  public static final int STATUS_SERVER = 12;
  public static final int DISCONNECT_REQUEST = 40;
  public static final int DISCONNECT_ACK = 41;
  public static final int DISCONNECT_NAK = 42;
  public static final int COA_REQUEST = 43;
  public static final int COA_ACK = 44;
  public static final int COA_NAK = 45;

  public static final int ATTR_USER_NAME = 1;
  public static final int ATTR_USER_PASSWORD = 2;
  public static final int ATTR_CHAP_PASSWORD = 3;
  public static final int ATTR_REPLY_MESSAGE = 18;
  public static final int ATTR_CLASS = 25;
  public static final int ATTR_VENDOR_SPECIFIC = 26;
  public static final int ATTR_CALLING_STATION_ID = 31;
  public static final int ATTR_ACCT_STATUS_TYPE = 40;
  public static final int ATTR_ACCT_DELAY_TIME = 41;
  public static final int ATTR_ACCT_INPUT_OCTETS = 42;
  public static final int ATTR_ACCT_OUTPUT_OCTETS = 43;
  public static final int ATTR_ACCT_SESSION_ID = 44;
  public static final int ATTR_ACCT_SESSION_TIME = 46;
  public static final int ATTR_ACCT_INPUT_GIGAWORDS = 52;
  public static final int ATTR_ACCT_OUTPUT_GIGAWORDS = 53;
  public static final int ATTR_CHAP_CHALLENGE = 60;
  public static final int ATTR_MESSAGE_AUTHENTICATOR = 80;
  public static final int ATTR_FRAMED_IP_ADDRESS = 8;
  public static final int ATTR_ERROR_CAUSE = 101;

  public static final int HEADER_BYTES = 20;
  public static final int AUTHENTICATOR_BYTES = 16;

  /** RFC 7930 raised the limit to 4096 bytes; larger datagrams are dropped. */
  public static final int MAX_PACKET_BYTES = 4096;

  private RadiusCode() {}

  /** A short lowercase name for metrics and logs. */
  public static String name(int code) {
    return switch (code) {
      case ACCESS_REQUEST -> "access_request";
      case ACCESS_ACCEPT -> "access_accept";
      case ACCESS_REJECT -> "access_reject";
      case ACCOUNTING_REQUEST -> "accounting_request";
      case ACCOUNTING_RESPONSE -> "accounting_response";
      case ACCESS_CHALLENGE -> "access_challenge";
      case STATUS_SERVER -> "status_server";
      case DISCONNECT_REQUEST -> "disconnect_request";
      case DISCONNECT_ACK -> "disconnect_ack";
      case DISCONNECT_NAK -> "disconnect_nak";
      case COA_REQUEST -> "coa_request";
      case COA_ACK -> "coa_ack";
      case COA_NAK -> "coa_nak";
      default -> "code_" + code;
    };
  }
}
