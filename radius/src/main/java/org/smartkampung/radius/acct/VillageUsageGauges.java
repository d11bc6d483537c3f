package org.smartkampung.radius.acct;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.smartkampung.core.quota.Usage;

/**
 * {@code kampung.village.bytes} (tags village, period = day or month): each village's bytes used
 * today and this month as the ledger last answered an accounting record, so a dashboard shows bytes
 * per village without asking the store. One pair of gauges per village (villages are few).
 */
final class VillageUsageGauges {

  private record Pair(AtomicLong day, AtomicLong month) {}

  private final MeterRegistry registry;
  private final Map<String, Pair> villages = new ConcurrentHashMap<>();

  VillageUsageGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  void update(String villageId, Usage usage) {
    Pair pair = villages.computeIfAbsent(villageId, this::register);
    pair.day().set(usage.villageDayBytes());
    pair.month().set(usage.villageMonthBytes());
  }

  private Pair register(String villageId) {
    Pair pair = new Pair(new AtomicLong(), new AtomicLong());
    gauge(villageId, "day", pair.day());
    gauge(villageId, "month", pair.month());
    return pair;
  }

  private void gauge(String villageId, String period, AtomicLong value) {
    Gauge.builder("kampung.village.bytes", value, AtomicLong::get)
        .description("Bytes the village used in the period, as the ledger last answered")
        .baseUnit("bytes")
        .tag("village", villageId)
        .tag("period", period)
        .register(registry);
  }
}
