package org.smartkampung.core.store;

import java.util.List;
import java.util.Optional;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.RegistryStore;
import org.smartkampung.core.village.RegisteredVillage;

/** Console-added villages and NAS clients in two {@link RecordTable}s, keyed by id and name. */
final class TableRegistry implements RegistryStore {

  private final RecordTable<RegisteredVillage> villages;
  private final RecordTable<NasClientSettings> nasClients;

  TableRegistry(
      RecordTable<RegisteredVillage> villages, RecordTable<NasClientSettings> nasClients) {
    this.villages = villages;
    this.nasClients = nasClients;
  }

  @Override
  public List<RegisteredVillage> villages() {
    return villages.values();
  }

  @Override
  public Optional<RegisteredVillage> village(String id) {
    return id == null ? Optional.empty() : villages.get(id);
  }

  @Override
  public boolean addVillage(RegisteredVillage village) {
    return villages.putIfAbsent(village.id(), village);
  }

  @Override
  public boolean updateVillage(RegisteredVillage village) {
    return villages.replace(village.id(), village);
  }

  @Override
  public boolean removeVillage(String id) {
    return villages.remove(id);
  }

  @Override
  public List<NasClientSettings> nasClients() {
    return nasClients.values();
  }

  @Override
  public Optional<NasClientSettings> nasClient(String name) {
    return name == null ? Optional.empty() : nasClients.get(name);
  }

  @Override
  public boolean addNasClient(NasClientSettings client) {
    return nasClients.putIfAbsent(client.name(), client);
  }

  @Override
  public boolean updateNasClient(NasClientSettings client) {
    return nasClients.replace(client.name(), client);
  }

  @Override
  public boolean removeNasClient(String name) {
    return nasClients.remove(name);
  }
}
