package org.smartkampung.gateway.firewall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Reads per-element byte counters and quota objects from the JSON that {@code nft -j} prints. */
public final class NftCounters {

  private static final ObjectMapper JSON = new ObjectMapper();

  private NftCounters() {}

  /** Bytes counted per element address; elements without a counter count 0. */
  public static Map<String, Long> bytesByAddress(String nftJson) {
    Map<String, Long> bytes = new HashMap<>();
    JsonNode root;
    try {
      root = JSON.readTree(nftJson);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("nft printed no JSON: " + e.getMessage(), e);
    }
    for (JsonNode item : root.path("nftables")) {
      for (JsonNode element : item.path("set").path("elem")) {
        if (element.isTextual()) {
          bytes.put(element.asText(), 0L);
          continue;
        }
        JsonNode elem = element.path("elem");
        JsonNode val = elem.path("val");
        // A concatenated key (address . MAC) is listed as {"concat": [address, mac]}.
        String address =
            val.has("concat") ? val.path("concat").path(0).asText(null) : val.asText(null);
        if (address != null) {
          bytes.put(address, elem.path("counter").path("bytes").asLong(0));
        }
      }
    }
    return bytes;
  }

  /** Bytes of the one named counter {@code nft -j list counter} printed; 0 when none. */
  public static long namedCounterBytes(String nftJson) {
    try {
      for (JsonNode item : JSON.readTree(nftJson).path("nftables")) {
        if (item.has("counter")) {
          return item.path("counter").path("bytes").asLong(0);
        }
      }
      return 0;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("nft printed no JSON: " + e.getMessage(), e);
    }
  }

  /** Names of the quota objects that are used up, from {@code nft -j list quotas}. */
  public static Set<String> exhaustedQuotas(String nftJson) {
    Set<String> names = new HashSet<>();
    JsonNode root;
    try {
      root = JSON.readTree(nftJson);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("nft printed no JSON: " + e.getMessage(), e);
    }
    for (JsonNode item : root.path("nftables")) {
      JsonNode quota = item.path("quota");
      if (quota.isObject() && quota.path("used").asLong(0) >= quota.path("bytes").asLong(1)) {
        names.add(quota.path("name").asText());
      }
    }
    return names;
  }
}
