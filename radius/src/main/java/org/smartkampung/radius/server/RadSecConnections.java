package org.smartkampung.radius.server;

import io.netty.channel.Channel;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hotspots connected by RadSec now: one entry per hotspot (its newest connection), removed when
 * that connection closes. Dynamic authorization looks a hotspot's connection up here; the console
 * lists them. Thread-safe.
 */
public final class RadSecConnections {

  /**
   * One hotspot's connection.
   *
   * @param hotspot the hotspot's name
   * @param remote the address the connection comes from
   * @param connectedSince when the TLS handshake finished
   * @param lastRequest when the newest request arrived (the connection time before any)
   */
  public record Connected(
      String hotspot, String remote, Instant connectedSince, Instant lastRequest) {}

  private static final class Entry {
    final Channel channel;
    final Instant since;
    volatile Instant lastRequest;

    Entry(Channel channel, Instant since) {
      this.channel = channel;
      this.since = since;
      this.lastRequest = since;
    }
  }

  /** Takes Disconnect/CoA answers that arrive on a hotspot's connection. */
  @FunctionalInterface
  public interface ResponseListener {
    /**
     * @param hotspot the connection's hotspot
     * @param channel the connection it came on
     * @param response the packet, its layout checked
     */
    void response(String hotspot, Channel channel, byte[] response);
  }

  private final ConcurrentHashMap<String, Entry> byHotspot = new ConcurrentHashMap<>();
  private final Clock clock;
  private volatile ResponseListener responses = (hotspot, channel, response) -> {};

  public RadSecConnections(Clock clock) {
    this.clock = clock;
  }

  void connected(String hotspot, Channel channel) {
    byHotspot.put(hotspot, new Entry(channel, clock.instant()));
  }

  void closed(String hotspot, Channel channel) {
    byHotspot.computeIfPresent(hotspot, (name, entry) -> entry.channel == channel ? null : entry);
  }

  /** Where answers to our own requests on these connections go (the dynamic-auth client). */
  public void onResponse(ResponseListener listener) {
    this.responses = listener;
  }

  void response(String hotspot, Channel channel, byte[] response) {
    responses.response(hotspot, channel, response);
  }

  void requested(String hotspot) {
    Entry entry = byHotspot.get(hotspot);
    if (entry != null) {
      entry.lastRequest = clock.instant();
    }
  }

  /** The open connection of a hotspot, if it has one. */
  public Optional<Channel> channel(String hotspot) {
    Entry entry = byHotspot.get(hotspot);
    return entry == null || !entry.channel.isActive()
        ? Optional.empty()
        : Optional.of(entry.channel);
  }

  /** Every connected hotspot, by name. */
  public List<Connected> list() {
    return byHotspot.entrySet().stream()
        .map(
            e ->
                new Connected(
                    e.getKey(),
                    String.valueOf(e.getValue().channel.remoteAddress()),
                    e.getValue().since,
                    e.getValue().lastRequest))
        .sorted(java.util.Comparator.comparing(Connected::hotspot))
        .toList();
  }
}
