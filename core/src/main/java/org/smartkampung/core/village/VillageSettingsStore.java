package org.smartkampung.core.village;

import java.util.List;
import java.util.Optional;

/** The console's per-village settings, durable in the configured store. */
public interface VillageSettingsStore {

  Optional<VillageSettings> find(String villageId);

  /** Inserts or replaces the village's settings. */
  void put(VillageSettings settings);

  /** Every village's settings. */
  List<VillageSettings> all();
}
