package org.smartkampung.portal.admin;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.health.HotspotState;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.nas.RadSecLinks;
import org.smartkampung.core.village.Village;

/** The template models of the NAS client pages; secrets only ever masked. Stateless. */
final class NasClientViews {

  private NasClientViews() {}

  /**
   * The list page: the rows of this page with their state and last sighting, the totals per state
   * over every hotspot, the kecamatan choices, plus the form's choices.
   */
  static Map<String, Object> list(
      KampungConfig config,
      KampungConfig base,
      List<HotspotStates.Row> onPage,
      List<HotspotStates.Row> all,
      int matching) {
    Set<String> fromFile = new HashSet<>();
    base.hotspots().forEach(h -> fromFile.add(h.name()));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (HotspotStates.Row r : onPage) {
      NasClient nas = r.nas();
      Map<String, Object> row = new HashMap<>();
      row.put("name", nas.name());
      row.put("address", nas.address());
      row.put("type", nas.type().name().toLowerCase(Locale.ROOT));
      row.put("coaPort", nas.coaPort());
      row.put("secret", NasClientEdits.mask(nas.secret()));
      row.put("policy", nas.requireMessageAuthenticator().name());
      row.put("console", !fromFile.contains(nas.name()));
      row.put("village", r.villageName());
      row.put("villageId", r.villageId());
      row.put("kecamatan", r.kecamatan());
      row.put("state", r.stateWord());
      row.put("lastSeen", r.lastSeen());
      rows.add(row);
    }
    Map<String, Integer> totals = new HashMap<>();
    for (HotspotState s : HotspotState.values()) {
      totals.put(HotspotStates.word(s), 0);
    }
    all.forEach(r -> totals.merge(r.stateWord(), 1, Integer::sum));
    Set<String> kecamatan = new TreeSet<>();
    for (Village v : config.villages()) {
      if (v.kecamatan() != null && !v.kecamatan().isBlank()) {
        kecamatan.add(v.kecamatan());
      }
    }
    Map<String, Object> model = choices(config);
    model.put("rows", rows);
    model.put("totals", totals);
    model.put("total", all.size());
    model.put("matching", matching);
    model.put("kecamatans", List.copyOf(kecamatan));
    return model;
  }

  private static final DateTimeFormatter LINK_TIME = DateTimeFormatter.ofPattern("dd-MM HH:mm:ss");

  /**
   * The RadSec hotspots (those named by a certificate, and any connected one): connected or not,
   * since when, the newest request, the remote address, and which way a kick or CoA goes: over the
   * hotspot's TLS connection while it is connected, else UDP to its CoA port, else nowhere.
   */
  static List<Map<String, Object>> radSec(KampungConfig config, List<RadSecLinks.Link> links) {
    Map<String, RadSecLinks.Link> byName = new HashMap<>();
    links.forEach(l -> byName.put(l.hotspot(), l));
    Set<String> names = new TreeSet<>(byName.keySet());
    for (NasClient nas : config.nasClients()) {
      if (nas.certificate() != null && !nas.certificate().isBlank()) {
        names.add(nas.name());
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String name : names) {
      NasClient nas =
          config.nasClients().stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
      ZoneId zone =
          nas == null
              ? Village.DEFAULT_ZONE
              : config.village(nas.village()).map(Village::timeZone).orElse(Village.DEFAULT_ZONE);
      RadSecLinks.Link link = byName.get(name);
      Map<String, Object> row = new HashMap<>();
      row.put("name", name);
      row.put("certificate", nas == null || nas.certificate() == null ? "" : nas.certificate());
      row.put("connected", link != null);
      row.put("since", link == null ? "" : LINK_TIME.format(link.connectedSince().atZone(zone)));
      row.put("lastRequest", link == null ? "" : LINK_TIME.format(link.lastRequest().atZone(zone)));
      row.put("remote", link == null ? "" : link.remoteAddress());
      String dac;
      if (link != null) {
        dac = nas != null && nas.type() == NasType.MIKROTIK ? "dacTlsMikrotik" : "dacTls";
      } else {
        dac = nas != null && nas.hasAddress() ? "dacUdp" : "dacNone";
      }
      row.put("dac", dac);
      row.put("coaPort", nas == null ? NasClient.DEFAULT_COA_PORT : nas.coaPort());
      rows.add(row);
    }
    return rows;
  }

  static Map<String, String> defaults() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("type", NasType.MIKROTIK.name());
    v.put("requireMessageAuthenticator", MessageAuthenticatorPolicy.YES.name());
    v.put("coaPort", Integer.toString(NasClient.DEFAULT_COA_PORT));
    return v;
  }

  static Map<String, String> values(NasClientSettings n) {
    NasClient c = n.toNasClient();
    Map<String, String> v = new LinkedHashMap<>();
    v.put("name", c.name());
    v.put("address", c.address());
    v.put("type", c.type().name());
    v.put("village", c.village());
    v.put("requireMessageAuthenticator", c.requireMessageAuthenticator().name());
    v.put("coaPort", Integer.toString(c.coaPort()));
    v.put("loginHost", n.loginHost() == null ? "" : n.loginHost());
    v.put("certificate", c.certificate() == null ? "" : c.certificate());
    return v;
  }

  static Map<String, Object> choices(KampungConfig config) {
    List<Map<String, String>> villages = new ArrayList<>();
    for (Village v : config.villages()) {
      villages.add(Map.of("id", v.id(), "name", v.name()));
    }
    Map<String, Object> model = new HashMap<>();
    model.put("villages", villages);
    model.put("types", Arrays.stream(NasType.values()).map(Enum::name).toList());
    model.put(
        "maPolicies", Arrays.stream(MessageAuthenticatorPolicy.values()).map(Enum::name).toList());
    return model;
  }
}
