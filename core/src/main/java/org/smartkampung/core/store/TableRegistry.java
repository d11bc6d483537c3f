package org.smartkampung.core.store;

import java.util.List;
import java.util.Optional;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.RegistryStore;
import org.smartkampung.core.village.RegisteredVillage;

/**
 * Console-added villages and NAS clients in two {@link RecordTable}s, keyed by id and name: the
 * embedded store, which one process owns, so its lock serialises the edits that check each other.
 */
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
  public synchronized boolean addVillage(RegisteredVillage village) {
    return villages.putIfAbsent(village.id(), village);
  }

  @Override
  public synchronized boolean updateVillage(RegisteredVillage village) {
    return villages.replace(village.id(), village);
  }

  @Override
  public synchronized boolean removeVillage(String id) {
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
  public synchronized boolean addNasClient(NasClientSettings client) {
    return nasClients.putIfAbsent(client.name(), client);
  }

  @Override
  public synchronized boolean updateNasClient(NasClientSettings client) {
    return nasClients.replace(client.name(), client);
  }

  @Override
  public synchronized boolean removeNasClient(String name) {
    return nasClients.remove(name);
  }

  @Override
  public synchronized Outcome removeVillageWithoutNasClients(String id) {
    if (villages.get(id).isEmpty()) {
      return Outcome.NOT_FOUND;
    }
    if (nasClients.values().stream().anyMatch(n -> id.equals(n.village()))) {
      return Outcome.VILLAGE_HAS_NAS_CLIENTS;
    }
    villages.remove(id);
    return Outcome.DONE;
  }

  @Override
  public synchronized Outcome saveNasClientInVillage(
      NasClientSettings client, boolean add, boolean villageInFile) {
    if (!villageInFile && villages.get(client.village()).isEmpty()) {
      return Outcome.NO_SUCH_VILLAGE;
    }
    if (add) {
      return nasClients.putIfAbsent(client.name(), client) ? Outcome.DONE : Outcome.TAKEN;
    }
    return nasClients.replace(client.name(), client) ? Outcome.DONE : Outcome.NOT_FOUND;
  }
}
