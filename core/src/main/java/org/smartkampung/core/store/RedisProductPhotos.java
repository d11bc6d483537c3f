package org.smartkampung.core.store;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.smartkampung.core.village.ProductPhotoStore;
import redis.clients.jedis.UnifiedJedis;

/**
 * Photos as one string key each, {@code <prefix>photo:{v:<village>}:<id>}, in the village's slot.
 * Owned by the product that shows it: removing or replacing the photo deletes the key.
 */
final class RedisProductPhotos implements ProductPhotoStore {

  private final UnifiedJedis jedis;
  private final String prefix;

  RedisProductPhotos(UnifiedJedis jedis, String prefix) {
    this.jedis = jedis;
    this.prefix = prefix;
  }

  @Override
  public void put(String villageId, String photoId, byte[] bytes) {
    jedis.set(key(villageId, photoId), bytes);
  }

  @Override
  public Optional<byte[]> find(String villageId, String photoId) {
    if (!ProductPhotoStore.valid(villageId, photoId)) {
      return Optional.empty();
    }
    return Optional.ofNullable(jedis.get(key(villageId, photoId)));
  }

  @Override
  public void delete(String villageId, String photoId) {
    if (ProductPhotoStore.valid(villageId, photoId)) {
      jedis.del(key(villageId, photoId));
    }
  }

  private byte[] key(String villageId, String photoId) {
    if (!ProductPhotoStore.valid(villageId, photoId)) {
      throw new IllegalArgumentException("bad photo id " + villageId + "/" + photoId);
    }
    return (prefix + "photo:{v:" + villageId + "}:" + photoId).getBytes(StandardCharsets.UTF_8);
  }
}
