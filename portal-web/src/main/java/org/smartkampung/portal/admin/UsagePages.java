package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.limits.EffectiveLimits;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.Village;
import org.smartkampung.portal.page.Formats;

/**
 * A village's usage page: today and this month against its package, the last 7 days by local hour
 * as a server-rendered SVG chart, the top users today, and a CSV of daily totals for the budget
 * report. Hourly numbers come from the quota ledger's hourly counters, which keep {@link
 * QuotaLedger#HOURLY_RETENTION_DAYS} days; top users come from the sessions the session store holds
 * now (live ones), because the ledger keeps no per-village index of users.
 */
final class UsagePages {

  static final int CHART_DAYS = 7;
  static final int TOP_USERS = 10;

  private final AdminParts parts;

  UsagePages(AdminParts parts) {
    this.parts = parts;
  }

  /** One villager's line in the top list: bytes of their sessions held now. */
  record TopUser(String userId, long bytes, int sessions) {}

  /** {@code GET /admin/desa/:village/pemakaian}. */
  void page(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    LocalDate today = today(village);
    String chartTitle = parts.pages.text(ctx, "usage.chart");
    Formats f = parts.formats(ctx);
    parts.run(
        ctx,
        () ->
            Reply.page(
                "usage",
                model(
                    village,
                    today,
                    f,
                    chartTitle,
                    Map.of(
                        "from", today.minusDays(CHART_DAYS - 1).toString(), "to", today.toString()),
                    Map.of())));
  }

  /** {@code GET /admin/desa/:village/pemakaian/csv?dari=yyyy-MM-dd&sampai=yyyy-MM-dd}. */
  void csv(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    LocalDate today = today(village);
    FormFields form =
        new FormFields(
            ctx.request()::getParam, key -> parts.pages.text(ctx, key), parts.formats(ctx));
    Period period = period(form, today);
    if (period == null) {
      Map<String, String> submitted = Map.of("from", form.text("dari"), "to", form.text("sampai"));
      Map<String, String> errors = form.errors();
      String chartTitle = parts.pages.text(ctx, "usage.chart");
      Formats f = parts.formats(ctx);
      parts.run(
          ctx,
          () ->
              new Reply.Page(
                  400, "usage", model(village, today, f, chartTitle, submitted, errors)));
      return;
    }
    parts.run(ctx, () -> csvBody(village, period));
  }

  /** Days from {@code from} to {@code to}, both included, in the village's time zone. */
  record Period(LocalDate from, LocalDate to) {}

  /** The village's date now. */
  LocalDate today(Village village) {
    return LocalDate.ofInstant(parts.clock.instant(), village.timeZone());
  }

  /**
   * The CSV period from fields {@code dari} and {@code sampai} (default: the chart's 7 days), or
   * null with errors in {@code form}: in order, and within the days the hourly counters keep.
   */
  static Period period(FormFields form, LocalDate today) {
    LocalDate from = date(form, "dari", today.minusDays(CHART_DAYS - 1));
    LocalDate to = date(form, "sampai", today);
    LocalDate oldest = today.minusDays(QuotaLedger.HOURLY_RETENTION_DAYS - 1L);
    if (from != null && to != null) {
      if (from.isAfter(to)) {
        form.error("sampai", "usage.csv.order");
      } else if (from.isBefore(oldest) || to.isAfter(today)) {
        form.error("dari", "usage.csv.range");
      }
    }
    return form.ok() ? new Period(from, to) : null;
  }

  /** The daily totals of the period as a CSV download (blocking: reads the ledger). */
  Reply.Body csvBody(Village village, Period period) {
    LocalDate from = period.from();
    LocalDate to = period.to();
    int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
    Map<LocalDateTime, Long> hours =
        parts.stores.ledger().hourlyBytes(village.id(), from.atStartOfDay(), days * 24);
    Map<LocalDate, Long> daily = new LinkedHashMap<>();
    hours.forEach((hour, bytes) -> daily.merge(hour.toLocalDate(), bytes, Long::sum));
    StringBuilder csv = new StringBuilder("desa,nama,tanggal,bytes,gb\r\n");
    daily.forEach(
        (day, bytes) ->
            csv.append(
                Csv.row(
                    village.id(),
                    village.name(),
                    day.toString(),
                    Long.toString(bytes),
                    String.format(java.util.Locale.ROOT, "%.3f", bytes / 1e9))));
    return new Reply.Body(
        200,
        "text/csv; charset=utf-8",
        csv.toString(),
        "pemakaian-" + village.id() + "-" + from + "-" + to + ".csv");
  }

  /** The village's usage today and this month with its limits; empty when the store is down. */
  Optional<Usage> usage(Village village) {
    QuotaResult result = parts.stores.ledger().check(village.id(), "~admin", "");
    return result instanceof QuotaResult.Ok ok ? Optional.of(ok.usage()) : Optional.empty();
  }

  /** Bytes per local hour of the chart's 7 days, oldest first. */
  Map<LocalDateTime, Long> chartHours(Village village, LocalDate today) {
    LocalDate first = today.minusDays(CHART_DAYS - 1);
    return parts.stores.ledger().hourlyBytes(village.id(), first.atStartOfDay(), CHART_DAYS * 24);
  }

  private Map<String, Object> model(
      Village village,
      LocalDate today,
      Formats f,
      String chartTitle,
      Map<String, String> period,
      Map<String, String> errors) {
    Map<String, Object> model = new HashMap<>();
    model.put("village", VillagePages.view(village));
    BandwidthPackage pkg = village.bandwidthPackage();
    model.put("package", pkg == null ? "" : Units.packageText(pkg, f));
    Optional<Usage> found = usage(village);
    if (found.isPresent()) {
      Usage usage = found.get();
      Limits limits = EffectiveLimits.standing(parts.live.current(), village.id());
      model.put("todayBytes", f.bytes(usage.villageDayBytes()));
      model.put("todayLimit", Units.limitBytes(limits.villageDailyBytes(), f));
      model.put("todayPercent", Units.percent(usage.villageDayBytes(), limits.villageDailyBytes()));
      model.put("monthBytes", f.bytes(usage.villageMonthBytes()));
      model.put("monthLimit", Units.limitBytes(limits.villageMonthlyBytes(), f));
      model.put(
          "monthPercent", Units.percent(usage.villageMonthBytes(), limits.villageMonthlyBytes()));
    }
    Map<LocalDateTime, Long> hours = chartHours(village, today);
    model.put("chart", UsageChart.svg(hours, chartTitle, f));
    int peak = UsageChart.peakHourOfDay(hours);
    model.put(
        "peak",
        peak < 0
            ? ""
            : f.time(java.time.LocalTime.of(peak, 0))
                + "–"
                + f.time(java.time.LocalTime.of((peak + 1) % 24, 0)));
    model.put("top", topUsers(parts.stores.sessions().listByVillage(village.id()), f));
    model.put("period", period);
    model.put("errors", errors);
    model.put("keptDays", QuotaLedger.HOURLY_RETENTION_DAYS);
    return model;
  }

  /** Villagers by bytes of the sessions held now, most first; ties by name for a stable page. */
  static List<TopUser> top(List<Session> sessions) {
    Map<String, long[]> byUser = new HashMap<>();
    for (Session s : sessions) {
      long[] sum = byUser.computeIfAbsent(s.userId(), u -> new long[2]);
      sum[0] += s.inBytes() + s.outBytes();
      sum[1]++;
    }
    List<TopUser> top = new ArrayList<>();
    byUser.forEach((user, sum) -> top.add(new TopUser(user, sum[0], (int) sum[1])));
    top.sort(Comparator.comparingLong(TopUser::bytes).reversed().thenComparing(TopUser::userId));
    return top.subList(0, Math.min(TOP_USERS, top.size()));
  }

  /** {@link #top} as the page's rows, bytes in readable units. */
  static List<Map<String, Object>> topUsers(List<Session> sessions, Formats f) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (TopUser u : top(sessions)) {
      rows.add(Map.of("user", u.userId(), "bytes", f.bytes(u.bytes()), "sessions", u.sessions()));
    }
    return rows;
  }

  private static LocalDate date(FormFields form, String field, LocalDate fallback) {
    String text = form.text(field);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      form.error(field, "usage.csv.date");
      return null;
    }
  }
}
