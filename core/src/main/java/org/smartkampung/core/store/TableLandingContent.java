package org.smartkampung.core.store;

import org.smartkampung.core.village.LandingContent;
import org.smartkampung.core.village.LandingContentStore;

/** Landing content in a {@link RecordTable} keyed by village id. */
final class TableLandingContent implements LandingContentStore {

  private final RecordTable<LandingContent> table;

  TableLandingContent(RecordTable<LandingContent> table) {
    this.table = table;
  }

  @Override
  public LandingContent find(String villageId) {
    return table.get(villageId).orElseGet(() -> LandingContent.empty(villageId));
  }

  @Override
  public void put(LandingContent content) {
    table.put(content.villageId(), content);
  }
}
