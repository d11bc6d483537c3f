package org.smartkampung.core.village;

import java.time.ZoneId;
import java.util.List;

/**
 * A village the kabupaten operator added in the admin console (not in the config file). Its quota
 * settings are edited like any other village's, through {@link VillageSettings}.
 *
 * @param id short stable identifier, lowercase letters, digits and dashes
 * @param name the village name as villagers know it
 * @param kecamatan the district the village belongs to
 * @param timeZone IANA zone id in which the village's days are counted, e.g. {@code Asia/Jakarta}
 * @param policy id of the file's quota policy that applies; null for none (unlimited until its
 *     quota settings are saved)
 * @param macAuth whether remembered devices may log in by MAC address
 */
public record RegisteredVillage(
    String id, String name, String kecamatan, String timeZone, String policy, boolean macAuth) {

  /** The village as the rest of the system sees it: no bandwidth package, no service links. */
  public Village toVillage() {
    ZoneId zone = timeZone == null ? Village.DEFAULT_ZONE : ZoneId.of(timeZone);
    return new Village(id, name, kecamatan, zone, null, policy, macAuth, List.of());
  }
}
