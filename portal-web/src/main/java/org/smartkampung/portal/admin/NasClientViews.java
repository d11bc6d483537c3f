package org.smartkampung.portal.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.village.Village;

/** The template models of the NAS client pages; secrets only ever masked. Stateless. */
final class NasClientViews {

  private NasClientViews() {}

  /** The list page's hotspots grouped by village, plus the form's choices. */
  static Map<String, Object> list(KampungConfig config, KampungConfig base) {
    Map<String, String> names = new HashMap<>();
    for (Village v : config.villages()) {
      names.put(v.id(), v.name());
    }
    Map<String, List<Map<String, Object>>> byVillage = new TreeMap<>();
    for (NasClient nas : config.nasClients()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", nas.name());
      row.put("address", nas.address());
      row.put("type", nas.type().name().toLowerCase(Locale.ROOT));
      row.put("coaPort", nas.coaPort());
      row.put("secret", NasClientEdits.mask(nas.secret()));
      row.put("policy", nas.requireMessageAuthenticator().name());
      row.put("console", base.hotspots().stream().noneMatch(h -> h.name().equals(nas.name())));
      byVillage.computeIfAbsent(nas.village(), v -> new ArrayList<>()).add(row);
    }
    List<Map<String, Object>> groups = new ArrayList<>();
    byVillage.forEach(
        (id, rows) ->
            groups.add(Map.of("id", id, "name", names.getOrDefault(id, id), "hotspots", rows)));
    Map<String, Object> model = choices(config);
    model.put("groups", groups);
    return model;
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
