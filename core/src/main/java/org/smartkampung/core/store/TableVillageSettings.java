package org.smartkampung.core.store;

import java.util.List;
import java.util.Optional;
import org.smartkampung.core.village.VillageSettings;
import org.smartkampung.core.village.VillageSettingsStore;

/** Village settings in a {@link RecordTable} keyed by village id. */
final class TableVillageSettings implements VillageSettingsStore {

  private final RecordTable<VillageSettings> table;

  TableVillageSettings(RecordTable<VillageSettings> table) {
    this.table = table;
  }

  @Override
  public Optional<VillageSettings> find(String villageId) {
    return table.get(villageId);
  }

  @Override
  public void put(VillageSettings settings) {
    table.put(settings.villageId(), settings);
  }

  @Override
  public List<VillageSettings> all() {
    return table.values();
  }
}
