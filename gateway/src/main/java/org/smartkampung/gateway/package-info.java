/**
 * The built-in hotspot gateway: the NAS role on a Linux box at the kantor desa (HTTP interception,
 * DNS walled garden, nftables and tc enforcement, RADIUS client). Its issue has not landed yet;
 * this package holds its place in the module layout.
 */
package org.smartkampung.gateway;
