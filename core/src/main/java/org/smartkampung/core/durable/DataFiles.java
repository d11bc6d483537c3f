package org.smartkampung.core.durable;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data directory holds RADIUS secrets, password hashes and usage: only the service's own user
 * may read it. The directory is 0700 and every file 0600, from creation on (not the umask's 0644)
 * and again at every start for files an older version or an operator left readable. Where the file
 * system has no POSIX permissions (Windows) nothing is changed.
 */
public final class DataFiles {

  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  public static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private DataFiles() {}

  /** Attributes for creating a private file; none where POSIX permissions do not exist. */
  public static FileAttribute<?>[] privateFile() {
    return POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
        : new FileAttribute<?>[0];
  }

  /** Creates the directory (and parents) if needed, and makes it and its files private. */
  public static void privateDirectory(Path dir) throws IOException {
    if (!POSIX) {
      Files.createDirectories(dir);
      return;
    }
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
    }
    Files.setPosixFilePermissions(dir, DIR);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.setPosixFilePermissions(file, FILE);
        }
      }
    }
  }
}
