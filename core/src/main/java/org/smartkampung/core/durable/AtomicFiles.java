package org.smartkampung.core.durable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Whole-file replacement that a crash cannot tear: temp file, fsync, atomic rename, fsync dir. The
 * one way the stores write a file atomically.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Replaces {@code file} with {@code content}; after a crash it holds the old or the new bytes.
   */
  public static void write(Path file, byte[] content) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel out =
        FileChannel.open(
            temp,
            java.util.Set.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING),
            DataFiles.privateFile())) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) { // a file at the root has no directory entry to sync
      syncDirectory(dir);
    }
  }

  /** Makes a rename durable; where the platform cannot open a directory the rename stays atomic. */
  public static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // Windows cannot open directories; the move is still atomic there.
    }
  }
}
