package org.smartkampung.portal.admin.service;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smartkampung.core.village.ProductPhotoStore;

/**
 * Photos desa admins upload for Produk Desa items: at most {@link #MAX_BYTES}, JPEG, PNG or WebP by
 * their first bytes (a file name or a browser's Content-Type proves nothing: an HTML or SVG page
 * named {@code .jpg} is refused). Stored under a fresh random id and served by the portal at {@code
 * /foto/<village>/<id>}, inside the walled garden.
 */
public final class ProductPhotos {

  /** The largest photo accepted: 2 MiB, plenty for a 96 px thumbnail on a phone. */
  public static final int MAX_BYTES = 2 * 1024 * 1024;

  /** Where the portal serves a photo: {@code /foto/<village>/<id>}. */
  public static final String PATH = "/foto/";

  private static final Pattern OWN =
      Pattern.compile(
          "/foto/("
              + ProductPhotoStore.VILLAGE.pattern()
              + ")/("
              + ProductPhotoStore.ID.pattern()
              + ")");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ProductPhotoStore store;

  public ProductPhotos(ProductPhotoStore store) {
    this.store = store;
  }

  /**
   * The file extension of an image by its magic bytes: {@code jpg} (FF D8 FF), {@code png} (the
   * 8-byte PNG signature) or {@code webp} ("RIFF", size, "WEBP"); empty for anything else.
   */
  public static Optional<String> extension(byte[] bytes) {
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xff
        && (bytes[1] & 0xff) == 0xd8
        && (bytes[2] & 0xff) == 0xff) {
      return Optional.of("jpg");
    }
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (startsWith(bytes, 0, png)) {
      return Optional.of("png");
    }
    if (bytes.length >= 12
        && startsWith(bytes, 0, new byte[] {'R', 'I', 'F', 'F'})
        && startsWith(bytes, 8, new byte[] {'W', 'E', 'B', 'P'})) {
      return Optional.of("webp");
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
    if (bytes.length < offset + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks and stores an uploaded photo of the village.
   *
   * @return the path the portal serves it at; {@link AdminError.Invalid} on {@code photo} with
   *     {@code landing.photoTooBig} or {@code landing.photoType}
   */
  public Outcome<String> store(String villageId, byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      return Outcome.refused(AdminError.Invalid.of("photo", "landing.photoTooBig"));
    }
    Optional<String> ext = extension(bytes);
    if (ext.isEmpty()) {
      return Outcome.refused(AdminError.Invalid.of("photo", "landing.photoType"));
    }
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String id = HexFormat.of().formatHex(random) + "." + ext.get();
    store.put(villageId, id, bytes);
    return Outcome.done(PATH + villageId + "/" + id);
  }

  /** Whether {@code url} is a photo uploaded for this village (as opposed to an external one). */
  public static boolean isOwn(String url, String villageId) {
    Matcher m = OWN.matcher(url == null ? "" : url);
    return m.matches() && m.group(1).equals(villageId);
  }

  /** Deletes the stored photo behind {@code url} when it is one of the village's uploads. */
  public void deleteIfOwn(String url, String villageId) {
    Matcher m = OWN.matcher(url == null ? "" : url);
    if (m.matches() && m.group(1).equals(villageId)) {
      store.delete(villageId, m.group(2));
    }
  }

  /** The photo's bytes for the portal to serve. */
  public Optional<byte[]> find(String villageId, String photoId) {
    return store.find(villageId, photoId);
  }
}
