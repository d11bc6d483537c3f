package org.smartkampung.radius.server;

/** Which of the server's two sockets a request arrived on. */
public enum PortKind {
  /** Access-Request and Status-Server (1812). */
  AUTH,
  /** Accounting-Request and Status-Server (1813). */
  ACCT
}
