package org.smartkampung.gateway.neighbour;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * MAC addresses of clients from the kernel's neighbour table ({@code /proc/net/arp} of the
 * gateway's network namespace). The file is read at most once per {@link #MAX_AGE_MILLIS}, so a
 * burst of captive requests does not read it for each one. Thread-safe.
 */
public final class NeighbourTable {

  /** How long one reading of the table answers lookups. */
  public static final long MAX_AGE_MILLIS = 1000;

  private static final String INCOMPLETE = "00:00:00:00:00:00";

  /** A client unknown to the kernel is looked up again at most this often. */
  static final long MISS_RETRY_MILLIS = 50;

  private static final Pattern FIELDS = Pattern.compile("\\s+");

  private record Reading(long atNanos, Map<String, String> macByIp) {}

  private final Path arpFile;
  private final String device;
  private volatile Reading last = new Reading(0, Map.of());

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
    long age = System.nanoTime() - reading.atNanos();
    String cached = reading.macByIp().get(ip);
    // A client new since the last reading is looked up afresh (phones arrive all the time), but
    // not on every request of a client the kernel does not know.
    long maxAgeMillis = cached != null ? MAX_AGE_MILLIS : MISS_RETRY_MILLIS;
    if (age < TimeUnit.MILLISECONDS.toNanos(maxAgeMillis)) {
      return Optional.ofNullable(cached);
    }
    try {
      reading = new Reading(System.nanoTime(), parse(Files.readAllLines(arpFile), device));
    } catch (IOException e) {
      return Optional.empty();
    }
    last = reading;
    return Optional.ofNullable(reading.macByIp().get(ip));
  }

  /** Pure lookup over the lines of {@code /proc/net/arp}; for tests. */
  static Optional<String> macOf(String ip, List<String> lines, String device) {
    return Optional.ofNullable(parse(lines, device).get(ip));
  }

  /** IP to MAC for the complete entries on {@code device}; the first line is the header. */
  private static Map<String, String> parse(List<String> lines, String device) {
    Map<String, String> macByIp = new HashMap<>();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = FIELDS.split(line.trim());
      // IP address, HW type, Flags, HW address, Mask, Device
      if (f.length >= 6 && f[5].equals(device) && !f[3].equals(INCOMPLETE)) {
        macByIp.putIfAbsent(f[0], f[3].toLowerCase(Locale.ROOT));
      }
    }
    return macByIp;
  }
}
