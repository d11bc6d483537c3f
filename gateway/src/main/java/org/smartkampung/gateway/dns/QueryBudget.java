package org.smartkampung.gateway.dns;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A per-client token bucket for DNS queries: {@code burst} queries at once, then {@code perSecond}
 * a second. At most {@code maxClients} buckets are kept (the least recently used goes first), so
 * the table cannot grow without end. Thread-safe.
 */
public final class QueryBudget {

  private static final class Bucket {
    double tokens;
    long atMillis;
  }

  private final int burst;
  private final double perSecond;
  private final int maxClients;
  private final Clock clock;
  private final Map<String, Bucket> buckets;

  public QueryBudget(int burst, double perSecond, int maxClients, Clock clock) {
    this.burst = burst;
    this.perSecond = perSecond;
    this.maxClients = maxClients;
    this.clock = clock;
    this.buckets =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > QueryBudget.this.maxClients;
          }
        };
  }

  /** Takes one query from {@code client}'s budget; false when it has none left. */
  public synchronized boolean tryTake(String client) {
    long now = clock.millis();
    Bucket b = buckets.get(client);
    if (b == null) {
      b = new Bucket();
      b.tokens = burst;
      b.atMillis = now;
      buckets.put(client, b);
    }
    b.tokens = Math.min(burst, b.tokens + (now - b.atMillis) * perSecond / 1000.0);
    b.atMillis = now;
    if (b.tokens < 1) {
      return false;
    }
    b.tokens -= 1;
    return true;
  }
}
