/**
 * The built-in hotspot gateway: the NAS role on a Linux box at the kantor desa. {@link
 * org.smartkampung.gateway.GatewayServer} wires the parts: HTTP interception ({@code intercept}),
 * the portal's signed authorize API ({@code api}), the client table and cut-off ({@code client}),
 * nftables ({@code firewall}), tc shaping ({@code shaping}), the RADIUS client ({@code radius})
 * over UDP or over RadSec ({@code radsec}), the Disconnect/CoA logic and its UDP listener ({@code
 * dac}) and the walled-garden DNS forwarder ({@code dns}).
 */
package org.smartkampung.gateway;
