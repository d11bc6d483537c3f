package org.smartkampung.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.smartkampung.core.durable.DataFiles;
import org.smartkampung.core.quota.StoreUnavailableException;

/**
 * An exclusive lock on the embedded store's data directory. The embedded store keeps its state in
 * one process's memory; a second process appending to the same journals (a {@code kampung voucher
 * create} beside a running server, two servers started by mistake) would lose or hide writes, so
 * the second one is refused with a message that says why.
 */
final class DataDirLock implements AutoCloseable {

  private static final String FILE = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock.
   *
   * @throws StoreUnavailableException when another process (or this one) already holds it
   */
  static DataDirLock acquire(Path dataDir) {
    FileChannel channel = null;
    try {
      DataFiles.privateDirectory(dataDir);
      channel =
          FileChannel.open(
              dataDir.resolve(FILE),
              java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
              DataFiles.privateFile());
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return new DataDirLock(channel, lock);
      }
    } catch (OverlappingFileLockException alreadyHeldHere) {
      // fall through to the refusal below
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock data directory " + dataDir, e);
    }
    closeQuietly(channel);
    throw new StoreUnavailableException(
        "the data directory "
            + dataDir.toAbsolutePath()
            + " is in use by another kampung process; stop it first, or use the admin console"
            + " of the running one");
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // the channel's close below releases it as well
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }
}
