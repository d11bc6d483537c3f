package org.smartkampung.portal.admin;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.health.HotspotHealth;
import org.smartkampung.core.health.HotspotState;
import org.smartkampung.core.health.HotspotWatch;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.village.Village;

/**
 * Every hotspot with its health state, worked out from its last sighting as the watch does: down
 * first, then never seen, quiet and up, by village and name within each.
 */
final class HotspotStates {

  private static final DateTimeFormatter SEEN = DateTimeFormatter.ofPattern("dd-MM HH:mm");

  private HotspotStates() {}

  /**
   * One hotspot.
   *
   * @param lastSeen "dd-MM HH:mm" in its village's zone, "" when never seen
   */
  record Row(
      NasClient nas,
      String villageId,
      String villageName,
      String kecamatan,
      HotspotState state,
      String lastSeen) {

    /** The state as the page's CSS class and filter word. */
    String stateWord() {
      return word(state);
    }
  }

  static String word(HotspotState state) {
    return switch (state) {
      case UP -> "menyala";
      case QUIET -> "sepi";
      case DOWN -> "mati";
      case NEVER_SEEN -> "belum";
    };
  }

  static Optional<HotspotState> fromWord(String word) {
    for (HotspotState s : HotspotState.values()) {
      if (word(s).equals(word)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static int rank(HotspotState state) {
    return switch (state) {
      case DOWN -> 0;
      case NEVER_SEEN -> 1;
      case QUIET -> 2;
      case UP -> 3;
    };
  }

  static final Comparator<Row> ORDER =
      Comparator.comparingInt((Row r) -> rank(r.state()))
          .thenComparing(r -> r.villageName().toLowerCase(Locale.ROOT))
          .thenComparing(r -> r.nas().name());

  static List<Row> all(KampungConfig config, Map<String, Instant> seen, Instant now) {
    List<Row> rows = new ArrayList<>();
    for (NasClient nas : config.nasClients()) {
      Village v = config.village(nas.village()).orElse(null);
      if (v == null) {
        continue;
      }
      Instant last = seen.get(nas.name());
      HotspotState state =
          HotspotHealth.state(
              last,
              now,
              HotspotWatch.openingHours(config, v),
              v.timeZone(),
              config.hotspotHealth());
      rows.add(
          new Row(
              nas,
              v.id(),
              v.name(),
              v.kecamatan() == null ? "" : v.kecamatan(),
              state,
              last == null
                  ? ""
                  : SEEN.format(last.atZone(v.timeZone()))
                      + " "
                      + HotspotWatch.zoneLabel(v.timeZone())));
    }
    rows.sort(ORDER);
    return rows;
  }
}
