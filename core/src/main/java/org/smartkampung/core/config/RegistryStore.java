package org.smartkampung.core.config;

import java.util.List;
import java.util.Optional;
import org.smartkampung.core.village.RegisteredVillage;

/**
 * Villages and NAS clients the kabupaten operator added in the admin console, durable in the
 * configured store; {@link LiveConfig} lays them over the config file. The store checks only key
 * uniqueness; the rules between records (a NAS client's village exists, names are unique across
 * file and console) are {@link RegistryRules}. Thread-safe.
 */
public interface RegistryStore {

  /** How an edit that checks another record in the same step ended. */
  enum Outcome {
    DONE,
    /** The record to change or remove is not there. */
    NOT_FOUND,
    /** A record to add has a name or id already taken. */
    TAKEN,
    /** The village to remove still has console NAS clients. */
    VILLAGE_HAS_NAS_CLIENTS,
    /** The NAS client's village is neither in the file nor in the console. */
    NO_SUCH_VILLAGE
  }

  /**
   * Removes the console village unless a console NAS client still names it, in one step against
   * every process on the store: a hotspot added meanwhile elsewhere is either seen (and the removal
   * refused) or refused itself.
   */
  Outcome removeVillageWithoutNasClients(String id);

  /**
   * Adds ({@code add}) or replaces the NAS client if its village exists, in one step against every
   * process on the store: a console village removed meanwhile elsewhere is either still there (and
   * its removal then refused) or the save refused with {@link Outcome#NO_SUCH_VILLAGE}.
   *
   * @param villageInFile the client's village is one of the config file's (those never go away)
   */
  Outcome saveNasClientInVillage(NasClientSettings client, boolean add, boolean villageInFile);

  /** Every console-added village, in no particular order. */
  List<RegisteredVillage> villages();

  Optional<RegisteredVillage> village(String id);

  /** Adds the village; false, changing nothing, when its id is taken. */
  boolean addVillage(RegisteredVillage village);

  /** Replaces an existing village; false when there is none with that id. */
  boolean updateVillage(RegisteredVillage village);

  /** Removes the village; false when there was none. */
  boolean removeVillage(String id);

  /** Every console-added NAS client, in no particular order. */
  List<NasClientSettings> nasClients();

  Optional<NasClientSettings> nasClient(String name);

  /** Adds the NAS client; false, changing nothing, when its name is taken. */
  boolean addNasClient(NasClientSettings client);

  /** Replaces an existing NAS client; false when there is none with that name. */
  boolean updateNasClient(NasClientSettings client);

  /** Removes the NAS client; false when there was none. */
  boolean removeNasClient(String name);

  /** A store that holds nothing and refuses every change (deployments without a console). */
  static RegistryStore empty() {
    return new RegistryStore() {
      @Override
      public List<RegisteredVillage> villages() {
        return List.of();
      }

      @Override
      public Optional<RegisteredVillage> village(String id) {
        return Optional.empty();
      }

      @Override
      public boolean addVillage(RegisteredVillage village) {
        return false;
      }

      @Override
      public boolean updateVillage(RegisteredVillage village) {
        return false;
      }

      @Override
      public boolean removeVillage(String id) {
        return false;
      }

      @Override
      public List<NasClientSettings> nasClients() {
        return List.of();
      }

      @Override
      public Optional<NasClientSettings> nasClient(String name) {
        return Optional.empty();
      }

      @Override
      public boolean addNasClient(NasClientSettings client) {
        return false;
      }

      @Override
      public boolean updateNasClient(NasClientSettings client) {
        return false;
      }

      @Override
      public boolean removeNasClient(String name) {
        return false;
      }

      @Override
      public Outcome removeVillageWithoutNasClients(String id) {
        return Outcome.NOT_FOUND;
      }

      @Override
      public Outcome saveNasClientInVillage(
          NasClientSettings client, boolean add, boolean villageInFile) {
        return Outcome.NOT_FOUND;
      }
    };
  }
}
