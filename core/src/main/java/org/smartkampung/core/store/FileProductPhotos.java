package org.smartkampung.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.smartkampung.core.durable.AtomicFiles;
import org.smartkampung.core.village.ProductPhotoStore;

/** Photos as files {@code photos/<village>/<id>} under the data directory, written atomically. */
final class FileProductPhotos implements ProductPhotoStore {

  private final Path dir;

  FileProductPhotos(Path dataDir) {
    this.dir = dataDir.resolve("photos");
  }

  @Override
  public void put(String villageId, String photoId, byte[] bytes) {
    Path file = file(villageId, photoId);
    try {
      Files.createDirectories(file.getParent());
      AtomicFiles.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<byte[]> find(String villageId, String photoId) {
    if (!ProductPhotoStore.valid(villageId, photoId)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file(villageId, photoId)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void delete(String villageId, String photoId) {
    if (!ProductPhotoStore.valid(villageId, photoId)) {
      return;
    }
    try {
      Files.deleteIfExists(file(villageId, photoId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path file(String villageId, String photoId) {
    if (!ProductPhotoStore.valid(villageId, photoId)) {
      throw new IllegalArgumentException("bad photo id " + villageId + "/" + photoId);
    }
    return dir.resolve(villageId).resolve(photoId);
  }
}
