package org.smartkampung.core.config;

import java.time.ZoneId;

/**
 * The kabupaten a deployment serves.
 *
 * @param id short identifier, for example "banyuwangi"
 * @param name name shown on pages, for example "Kabupaten Banyuwangi"
 * @param timeZone default zone for villages that name none
 */
public record Regency(String id, String name, ZoneId timeZone) {
  public Regency {
    timeZone = timeZone == null ? ZoneId.of("Asia/Jakarta") : timeZone;
  }
}
