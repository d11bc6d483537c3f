package org.smartkampung.core.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of text lines whose appends become durable together: one thread writes
 * whatever was appended while the previous fsync ran, then fsyncs once for all of them (group
 * commit). A caller acknowledges its effect only when the future of its line completes, so
 * acknowledged means on disk, at the cost of one fsync per group rather than per line.
 *
 * <p>The log is a sequence of files {@code <prefix>.<sequence>.log} in one directory. {@link
 * #rotate} starts the next file, so an owner can write a snapshot of its state, then delete the
 * files the snapshot covers with {@link #deleteBefore}. {@link #replay} reads a file back, dropping
 * a torn last line (its caller never saw success). Thread-safe.
 */
public final class GroupCommitLog implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GroupCommitLog.class);

  private record Waiter(long line, CompletableFuture<Void> durable) {}

  private final Path dir;
  private final String prefix;

  /** Held by whoever writes to a file, so buffered lines reach their own file in order. */
  private final ReentrantLock writing = new ReentrantLock();

  private final Thread flusher;

  // Guarded by this.
  private FileChannel channel;
  private long sequence;
  private StringBuilder pending = new StringBuilder();
  private long appended;
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private boolean closed;

  private GroupCommitLog(Path dir, String prefix, long sequence) throws IOException {
    this.dir = dir;
    this.prefix = prefix;
    this.sequence = sequence;
    this.channel = openFile(sequence);
    this.flusher = new Thread(this::flushLoop, "kampung-" + prefix + "-log");
    flusher.setDaemon(true);
    flusher.start();
  }

  /**
   * Opens a new file with the given sequence number (appending if it exists) and starts the
   * flushing thread.
   */
  public static GroupCommitLog open(Path dir, String prefix, long sequence) {
    try {
      Files.createDirectories(dir);
      return new GroupCommitLog(dir, prefix, sequence);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open log " + dir.resolve(prefix), e);
    }
  }

  /** The sequence numbers of the log's files in {@code dir}, ascending. */
  public static List<Long> sequences(Path dir, String prefix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Long> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(
          file -> {
            String name = file.getFileName().toString();
            if (name.startsWith(prefix + ".") && name.endsWith(".log")) {
              String number = name.substring(prefix.length() + 1, name.length() - 4);
              try {
                found.add(Long.parseLong(number));
              } catch (NumberFormatException notOurs) {
                // another file that happens to share the prefix
              }
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
    found.sort(Comparator.naturalOrder());
    return found;
  }

  /** The file of one sequence number. */
  public static Path file(Path dir, String prefix, long sequence) {
    return dir.resolve(prefix + "." + sequence + ".log");
  }

  /**
   * Feeds every complete line of one file to {@code line}, in order. A last line without its
   * newline was cut by a crash mid-write and is dropped.
   *
   * @return the number of lines fed
   */
  public static int replay(Path file, Consumer<String> line) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read log " + file, e);
    }
    int end = text.lastIndexOf('\n') + 1;
    if (!text.substring(end).isBlank()) {
      log.warn("Dropping the unterminated last line of {} (crash during a write)", file);
    }
    int count = 0;
    int from = 0;
    while (from < end) {
      int newline = text.indexOf('\n', from);
      String one = text.substring(from, newline);
      if (!one.isBlank()) {
        line.accept(one);
        count++;
      }
      from = newline + 1;
    }
    return count;
  }

  /**
   * Appends one line (without its newline).
   *
   * @return completes once the line is on disk, or exceptionally when writing it failed
   */
  public synchronized CompletableFuture<Void> append(String line) {
    CompletableFuture<Void> durable = new CompletableFuture<>();
    if (closed) {
      durable.completeExceptionally(new IllegalStateException("log " + prefix + " is closed"));
      return durable;
    }
    pending.append(line).append('\n');
    appended++;
    waiters.add(new Waiter(appended, durable));
    notifyAll();
    return durable;
  }

  /**
   * Makes everything appended so far durable in the current file, then starts file {@code sequence
   * + 1} for what comes next.
   *
   * @return the new file's sequence number
   */
  public long rotate() {
    writing.lock();
    try {
      FileChannel old;
      String lines;
      long upTo;
      long next;
      synchronized (this) {
        old = channel;
        lines = takePending();
        upTo = appended;
        next = sequence + 1;
        channel = openFile(next);
        sequence = next;
      }
      try {
        write(old, lines);
        old.close();
        completeUpTo(upTo, null);
      } catch (IOException e) {
        completeUpTo(upTo, e);
        throw new UncheckedIOException("Cannot write log " + prefix, e);
      }
      AtomicFiles.syncDirectory(dir);
      return next;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the next file of log " + prefix, e);
    } finally {
      writing.unlock();
    }
  }

  /** Deletes the files with a sequence number below {@code sequence}. */
  public void deleteBefore(long sequence) {
    for (long old : sequences(dir, prefix)) {
      if (old < sequence) {
        try {
          Files.deleteIfExists(file(dir, prefix, old));
        } catch (IOException e) {
          log.warn("Cannot delete the old log file {}: {}", file(dir, prefix, old), e.toString());
        }
      }
    }
  }

  /** Writes what is pending, stops the thread and closes the file. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      notifyAll();
    }
    try {
      flusher.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writing.lock();
    try {
      FileChannel last;
      String lines;
      long upTo;
      synchronized (this) {
        last = channel;
        lines = takePending();
        upTo = appended;
      }
      try {
        write(last, lines);
        last.close();
        completeUpTo(upTo, null);
      } catch (IOException e) {
        completeUpTo(upTo, e);
        log.error("Could not write the last lines of log {}", prefix, e);
      }
    } finally {
      writing.unlock();
    }
  }

  private void flushLoop() {
    while (true) {
      synchronized (this) {
        while (pending.length() == 0 && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (closed) {
          return; // close() writes what is left
        }
      }
      flushOnce();
    }
  }

  private void flushOnce() {
    writing.lock();
    try {
      FileChannel target;
      String lines;
      long upTo;
      synchronized (this) {
        target = channel;
        lines = takePending();
        upTo = appended;
      }
      if (lines.isEmpty()) {
        return;
      }
      try {
        write(target, lines);
        completeUpTo(upTo, null);
      } catch (IOException e) {
        log.error("Could not write log {}; the records in it were not acknowledged", prefix, e);
        completeUpTo(upTo, e);
      }
    } finally {
      writing.unlock();
    }
  }

  private String takePending() {
    String lines = pending.toString();
    pending = new StringBuilder(Math.max(256, lines.length()));
    return lines;
  }

  private static void write(FileChannel target, String lines) throws IOException {
    if (lines.isEmpty()) {
      return;
    }
    ByteBuffer buffer = ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8));
    while (buffer.hasRemaining()) {
      target.write(buffer);
    }
    target.force(false);
  }

  private void completeUpTo(long line, @Nullable IOException failure) {
    List<CompletableFuture<Void>> done = new ArrayList<>();
    synchronized (this) {
      while (!waiters.isEmpty() && waiters.peekFirst().line() <= line) {
        done.add(waiters.pollFirst().durable());
      }
    }
    for (CompletableFuture<Void> future : done) {
      if (failure == null) {
        future.complete(null);
      } else {
        future.completeExceptionally(new UncheckedIOException(failure));
      }
    }
  }

  private FileChannel openFile(long number) throws IOException {
    return FileChannel.open(
        file(dir, prefix, number),
        java.util.Set.of(
            StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
        DataFiles.privateFile());
  }
}
