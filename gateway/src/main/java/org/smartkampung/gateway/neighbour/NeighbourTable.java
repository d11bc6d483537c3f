package org.smartkampung.gateway.neighbour;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * MAC addresses of clients from the kernel's neighbour table ({@code /proc/net/arp} of the
 * gateway's network namespace). The file is read at most once per {@link #MAX_AGE_MILLIS}, so a
 * burst of captive requests does not read it for each one. Thread-safe.
 */
public final class NeighbourTable {

  /** How long one reading of the table answers lookups. */
  public static final long MAX_AGE_MILLIS = 1000;

  private static final String INCOMPLETE = "00:00:00:00:00:00";

  private record Reading(long atNanos, List<String> lines) {}

  private final Path arpFile;
  private final String device;
  private volatile Reading last = new Reading(0, List.of());

  /**
   * @param arpFile usually {@code /proc/net/arp}
   * @param device only entries on this interface count (the client interface)
   */
  public NeighbourTable(Path arpFile, String device) {
    this.arpFile = arpFile;
    this.device = device;
  }

  /** The MAC for {@code ip} in lowercase colon form, or empty when the kernel has none. */
  public Optional<String> macOf(String ip) {
    Reading reading = last;
    long now = System.nanoTime();
    Optional<String> cached = macOf(ip, reading.lines(), device);
    // A client new since the last reading is looked up afresh (phones arrive all the time).
    if (cached.isPresent() && now - reading.atNanos() < MAX_AGE_MILLIS * 1_000_000) {
      return cached;
    }
    try {
      reading = new Reading(now, Files.readAllLines(arpFile));
    } catch (IOException e) {
      return Optional.empty();
    }
    last = reading;
    return macOf(ip, reading.lines(), device);
  }

  /** Pure lookup over the lines of {@code /proc/net/arp}; for tests. */
  static Optional<String> macOf(String ip, List<String> lines, String device) {
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = line.trim().split("\\s+");
      // IP address, HW type, Flags, HW address, Mask, Device
      if (f.length >= 6 && f[0].equals(ip) && f[5].equals(device) && !f[3].equals(INCOMPLETE)) {
        return Optional.of(f[3].toLowerCase(Locale.ROOT));
      }
    }
    return Optional.empty();
  }
}
