package org.smartkampung.core.village;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Photos of Produk Desa items that desa admins upload, kept where every portal instance on the
 * store can serve them: files in the data directory (embedded) or one Redis key each. A photo is
 * never changed: a new upload gets a new id, so it can be cached for good. Thread-safe.
 */
public interface ProductPhotoStore {

  /** Photo ids: 32 hex digits and the type's extension, e.g. {@code 0f...9a.jpg}. */
  Pattern ID = Pattern.compile("[0-9a-f]{32}\\.(jpg|png|webp)");

  /** Village ids as the registry allows them; nothing else reaches a file name or key. */
  Pattern VILLAGE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** Stores the photo's bytes, durable before it returns. */
  void put(String villageId, String photoId, byte[] bytes);

  /** The photo's bytes; empty for an id not stored (or not well-formed). */
  Optional<byte[]> find(String villageId, String photoId);

  /** Deletes the photo; nothing when it is not there. */
  void delete(String villageId, String photoId);

  /** Whether both ids are well-formed, so they are safe in a path or key. */
  static boolean valid(String villageId, String photoId) {
    return villageId != null
        && photoId != null
        && VILLAGE.matcher(villageId).matches()
        && ID.matcher(photoId).matches();
  }

  /** The Content-Type of a well-formed id, from its extension. */
  static String contentType(String photoId) {
    if (photoId.endsWith(".png")) {
      return "image/png";
    }
    if (photoId.endsWith(".webp")) {
      return "image/webp";
    }
    return "image/jpeg";
  }
}
