package org.smartkampung.core.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.config.NasClientSettings;
import org.smartkampung.core.config.RegistryStore;
import org.smartkampung.core.redis.RedisScript;
import org.smartkampung.core.village.RegisteredVillage;
import redis.clients.jedis.UnifiedJedis;

/**
 * Console-added villages and NAS clients in two Redis hashes, {@code <prefix>{registry}:villages}
 * and {@code <prefix>{registry}:nas-clients}: one hash tag puts both in one slot, so the edits that
 * check each other ("the village still has hotspots", "the hotspot's village is gone") are one Lua
 * script, atomic against every server, on a Cluster too. Hashes of an older version ({@code
 * <prefix>villages}, {@code <prefix>nas-clients}) are moved in at start.
 */
final class RedisRegistry implements RegistryStore {

  private static final Logger log = LoggerFactory.getLogger(RedisRegistry.class);

  /** KEYS: villages, nas-clients. ARGV: village id. */
  private static final RedisScript REMOVE_VILLAGE =
      new RedisScript(
          """
          if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 'NOT_FOUND' end
          for _, json in ipairs(redis.call('HVALS', KEYS[2])) do
            if cjson.decode(json)['village'] == ARGV[1] then return 'VILLAGE_HAS_NAS_CLIENTS' end
          end
          redis.call('HDEL', KEYS[1], ARGV[1])
          return 'DONE'
          """);

  /** KEYS: villages, nas-clients. ARGV: name, json, village, add (1/0), village in file (1/0). */
  private static final RedisScript SAVE_NAS =
      new RedisScript(
          """
          if ARGV[5] == '0' and redis.call('HEXISTS', KEYS[1], ARGV[3]) == 0 then
            return 'NO_SUCH_VILLAGE'
          end
          if ARGV[4] == '1' then
            if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return 'TAKEN' end
          else
            if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then return 'NOT_FOUND' end
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
          end
          return 'DONE'
          """);

  private final UnifiedJedis jedis;
  private final String villagesKey;
  private final String nasKey;
  private final RedisTable<RegisteredVillage> villages;
  private final RedisTable<NasClientSettings> nasClients;

  RedisRegistry(UnifiedJedis jedis, String prefix) {
    this.jedis = jedis;
    this.villagesKey = prefix + "{registry}:villages";
    this.nasKey = prefix + "{registry}:nas-clients";
    this.villages = new RedisTable<>(jedis, villagesKey, RegisteredVillage.class);
    this.nasClients = new RedisTable<>(jedis, nasKey, NasClientSettings.class);
    moveIn(prefix + "villages", villagesKey);
    moveIn(prefix + "nas-clients", nasKey);
  }

  private void moveIn(String oldKey, String newKey) {
    Map<String, String> old = jedis.hgetAll(oldKey);
    if (old.isEmpty()) {
      return;
    }
    old.forEach((field, json) -> jedis.hsetnx(newKey, field, json));
    jedis.del(oldKey);
    log.info("Moved {} registry records from {} to {}", old.size(), oldKey, newKey);
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

  @Override
  public Outcome removeVillageWithoutNasClients(String id) {
    return outcome(REMOVE_VILLAGE.run(jedis, List.of(villagesKey, nasKey), List.of(id)));
  }

  @Override
  public Outcome saveNasClientInVillage(
      NasClientSettings client, boolean add, boolean villageInFile) {
    return outcome(
        SAVE_NAS.run(
            jedis,
            List.of(villagesKey, nasKey),
            List.of(
                client.name(),
                StoreJson.write(client),
                client.village() == null ? "" : client.village(),
                add ? "1" : "0",
                villageInFile ? "1" : "0")));
  }

  private static Outcome outcome(Object reply) {
    return Outcome.valueOf(reply.toString());
  }
}
