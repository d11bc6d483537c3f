package org.smartkampung.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.durable.AtomicFiles;
import org.smartkampung.core.durable.DataFiles;

/**
 * A durable map from string keys to JSON records: every change is appended to a journal file and
 * fsynced before the call returns; the journal is compacted (live records only, written to a temp
 * file and renamed over it) at open and whenever it has grown well past the live data.
 *
 * <p>Why a journal and not one JSON file rewritten per change: a regency holds tens of thousands of
 * vouchers and each redeem is a change; in the login storm after maghrib rewriting all of them for
 * every login would cost megabytes per login, where an append costs one line.
 *
 * <p>A change of several keys is one line, so a crash keeps all of it or none. A torn last line
 * (crash mid-append) is dropped at open; a damaged line before it stops the open, because silently
 * losing admin data is worse than refusing to start.
 *
 * <p>Not thread-safe: the owning store serializes every call.
 */
final class JsonJournal<V> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JsonJournal.class);
  private static final Charset UTF8 = StandardCharsets.UTF_8;

  /** Compaction waits for at least this many lines beyond the live records. */
  private static final int MIN_GARBAGE_LINES = 1000;

  private final Path file;
  private final Class<V> type;
  private final Map<String, V> live = new LinkedHashMap<>();
  private final Map<String, V> liveView = Collections.unmodifiableMap(live);
  private FileChannel channel;
  private long lines;

  private JsonJournal(Path file, Class<V> type) {
    this.file = file;
    this.type = type;
  }

  /** Opens (or creates) the journal and replays it. */
  static <V> JsonJournal<V> open(Path file, Class<V> type) {
    JsonJournal<V> journal = new JsonJournal<>(file, type);
    try {
      DataFiles.privateDirectory(file.toAbsolutePath().getParent());
      journal.replay();
      journal.compact();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open journal " + file, e);
    }
    return journal;
  }

  V get(String key) {
    return live.get(key);
  }

  /** The live records in insertion order, as a read-only view. */
  Map<String, V> entries() {
    return liveView;
  }

  Collection<V> values() {
    return liveView.values();
  }

  void put(String key, V value) {
    putAll(Map.of(key, value));
  }

  /** Stores every entry with one journal line, so after a crash all of them or none are there. */
  void putAll(Map<String, V> entries) {
    ObjectNode line = StoreJson.MAPPER.createObjectNode();
    ObjectNode put = line.putObject("put");
    entries.forEach((key, value) -> put.set(key, StoreJson.MAPPER.valueToTree(value)));
    append(line);
    live.putAll(entries);
  }

  void remove(String key) {
    ObjectNode line = StoreJson.MAPPER.createObjectNode();
    line.putArray("remove").add(key);
    append(line);
    live.remove(key);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      log.warn("Closing journal {} failed", file, e);
    }
  }

  private void append(ObjectNode line) {
    try {
      byte[] bytes = (StoreJson.MAPPER.writeValueAsString(line) + "\n").getBytes(UTF8);
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
      lines++;
      if (lines > 2L * live.size() + MIN_GARBAGE_LINES) {
        compact();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write journal " + file, e);
    }
  }

  private void replay() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    String text = new String(Files.readAllBytes(file), UTF8);
    int end = text.lastIndexOf('\n') + 1;
    // A line without its newline was not fully written when the process died; its caller never
    // saw success, so it is dropped even if it happens to parse.
    if (!text.substring(end).isBlank()) {
      log.warn("Dropping the unterminated last line of journal {} (crash during a write)", file);
    }
    String[] complete = text.substring(0, end).split("\n");
    for (int i = 0; i < complete.length; i++) {
      if (complete[i].isBlank()) {
        continue;
      }
      try {
        apply(StoreJson.MAPPER.readTree(complete[i]));
      } catch (IOException | IllegalArgumentException e) {
        throw new IOException("Journal " + file + " is damaged at line " + (i + 1), e);
      }
    }
  }

  private void apply(JsonNode line) throws IOException {
    JsonNode put = line.get("put");
    if (put != null) {
      Map<String, V> decoded = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : put.properties()) {
        decoded.put(entry.getKey(), StoreJson.MAPPER.treeToValue(entry.getValue(), type));
      }
      live.putAll(decoded);
    }
    JsonNode remove = line.get("remove");
    if (remove instanceof ArrayNode keys) {
      keys.forEach(key -> live.remove(key.asText()));
    }
    if (put == null && remove == null) {
      throw new IOException("neither put nor remove");
    }
  }

  private void compact() throws IOException {
    if (channel != null) {
      channel.close();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, V> entry : live.entrySet()) {
      ObjectNode line = StoreJson.MAPPER.createObjectNode();
      line.putObject("put").set(entry.getKey(), StoreJson.MAPPER.valueToTree(entry.getValue()));
      out.write((StoreJson.MAPPER.writeValueAsString(line) + "\n").getBytes(UTF8));
    }
    AtomicFiles.write(file, out.toByteArray());
    lines = live.size();
    channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }
}
