package org.smartkampung.core.village;

import java.time.ZoneId;
import java.util.List;

/**
 * A desa (village) served by the system, with the bandwidth package its APBDes bought.
 *
 * @param id short stable identifier, lowercase letters, digits and dashes (used in store keys)
 * @param name the village name as villagers know it, for example "Kemiren"
 * @param kecamatan the district the village belongs to
 * @param timeZone zone in which the village's days, months and opening hours are counted
 * @param bandwidthPackage what the village bought this budget year; null when the budget has no
 *     bandwidth line
 * @param policy id of the {@link org.smartkampung.core.quota.QuotaPolicy} that applies
 * @param macAuth whether remembered devices may log in by MAC address (Calling-Station-Id)
 * @param services public-service links shown on the landing page, even before login
 */
public record Village(
    String id,
    String name,
    String kecamatan,
    ZoneId timeZone,
    BandwidthPackage bandwidthPackage,
    String policy,
    boolean macAuth,
    List<ServiceLink> services) {

  /** The zone used when a village names none. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Jakarta");

  public Village {
    timeZone = timeZone == null ? DEFAULT_ZONE : timeZone;
    services = services == null ? List.of() : List.copyOf(services);
  }
}
