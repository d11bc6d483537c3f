package org.smartkampung.core.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.smartkampung.core.durable.AtomicFiles;
import org.smartkampung.core.durable.DataFiles;
import org.smartkampung.core.durable.Periodic;
import org.smartkampung.core.health.HotspotSightings;
import org.smartkampung.core.health.HotspotState;

/**
 * {@link HotspotSightings} in-process, kept across restarts in the data directory: the state
 * announced to the webhook is journalled ({@code hotspot-announced.jsonl}, on disk before {@link
 * #announce} returns, so a restart neither repeats a "down" alert nor misses the "up"), and the
 * last sightings are snapshotted ({@code hotspot-seen.json}) every few seconds and at close, so the
 * kabupaten overview still knows when a silent hotspot was last heard. A crash loses at most one
 * interval of sightings, which the hotspots' next packets restore. One entry per hotspot that spoke
 * (a configured, bounded set). Thread-safe.
 */
public final class EmbeddedHotspotSightings implements HotspotSightings, AutoCloseable {

  private static final TypeReference<Map<String, Instant>> SEEN = new TypeReference<>() {};

  private final Map<String, Instant> seen = new ConcurrentHashMap<>();
  private final JsonJournal<HotspotState> announced;
  private final Path seenFile;
  private final Periodic snapshots;

  /**
   * @param snapshotIntervalSeconds seconds between snapshots of the sightings; 0 or less only at
   *     {@link #close()}
   */
  public EmbeddedHotspotSightings(Path dataDir, int snapshotIntervalSeconds) {
    this.announced =
        JsonJournal.open(dataDir.resolve("hotspot-announced.jsonl"), HotspotState.class);
    this.seenFile = dataDir.resolve("hotspot-seen.json");
    try {
      if (Files.exists(seenFile)) {
        seen.putAll(StoreJson.MAPPER.readValue(Files.readAllBytes(seenFile), SEEN));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + seenFile, e);
    }
    this.snapshots = new Periodic("hotspot-sightings", snapshotIntervalSeconds, this::snapshot);
  }

  private void snapshot() {
    try {
      DataFiles.privateDirectory(seenFile.toAbsolutePath().getParent());
      AtomicFiles.write(seenFile, StoreJson.MAPPER.writeValueAsBytes(new TreeMap<>(seen)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + seenFile, e);
    }
  }

  @Override
  public void seen(String hotspot, Instant at) {
    seen.merge(hotspot, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  @Override
  public Map<String, Instant> lastSeen() {
    return Map.copyOf(seen);
  }

  @Override
  public synchronized Optional<HotspotState> announce(String hotspot, HotspotState state) {
    HotspotState before = announced.get(hotspot);
    if (before != state) {
      announced.put(hotspot, state);
    }
    return Optional.ofNullable(before);
  }

  @Override
  public synchronized void forget(String hotspot) {
    seen.remove(hotspot);
    if (announced.get(hotspot) != null) {
      announced.remove(hotspot);
    }
  }

  @Override
  public void close() {
    snapshots.close();
    synchronized (this) {
      announced.close();
    }
  }
}
