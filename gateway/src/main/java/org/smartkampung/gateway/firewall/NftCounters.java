package org.smartkampung.gateway.firewall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;

/** Reads per-element byte counters from the JSON that {@code nft -j list set} prints. */
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
        String address = elem.path("val").asText(null);
        if (address != null) {
          bytes.put(address, elem.path("counter").path("bytes").asLong(0));
        }
      }
    }
    return bytes;
  }
}
