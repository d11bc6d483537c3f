package org.smartkampung.gateway.intercept;

import io.micrometer.core.instrument.MeterRegistry;
import org.smartkampung.core.gateway.GatewaySignature;
import org.smartkampung.gateway.neighbour.NeighbourTable;

/**
 * What the interceptor needs.
 *
 * @param gatewayId sent as {@code gw}
 * @param portalUrl where clients are sent
 * @param signature signs the redirect parameters
 * @param neighbours finds clients' MAC addresses
 * @param metrics counts redirects and refusals
 * @param requestDeadlineMillis a connection must complete each request within this time
 * @param macAdmission lets a client in by MAC before it is redirected ({@link MacAdmission#NONE}:
 *     never)
 */
public record InterceptSettings(
    String gatewayId,
    String portalUrl,
    GatewaySignature signature,
    NeighbourTable neighbours,
    MeterRegistry metrics,
    long requestDeadlineMillis,
    MacAdmission macAdmission) {

  /** Settings of an interceptor that redirects every captive client. */
  public InterceptSettings(
      String gatewayId,
      String portalUrl,
      GatewaySignature signature,
      NeighbourTable neighbours,
      MeterRegistry metrics,
      long requestDeadlineMillis) {
    this(
        gatewayId,
        portalUrl,
        signature,
        neighbours,
        metrics,
        requestDeadlineMillis,
        MacAdmission.NONE);
  }
}
