package org.smartkampung.portal.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.smartkampung.core.limits.EffectiveLimits;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.core.village.Village;

/**
 * {@code /api/admin/v1/villages/:village/usage}: the numbers of the console's usage page (today and
 * this month against the package, bytes per local hour of the last 7 days, top users) and its CSV
 * export, from the same {@link UsagePages} code. Amounts are bytes; a null limit is unlimited.
 */
final class UsageApi {

  /** The API's query parameters by the console's field names, for per-field errors. */
  private static final Map<String, String> PARAMS = Map.of("dari", "from", "sampai", "to");

  private final AdminParts parts;
  private final UsagePages usage;

  UsageApi(AdminParts parts, UsagePages usage) {
    this.parts = parts;
    this.usage = usage;
  }

  /** {@code GET .../usage}. {@code today} and {@code month} are null while the store is down. */
  void usage(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    parts.run(
        ctx,
        () -> {
          LocalDate today = usage.today(village);
          JsonObject json =
              new JsonObject()
                  .put("village", village.id())
                  .put("date", today.toString())
                  .put("timeZone", village.timeZone().getId())
                  .put("package", packageJson(village.bandwidthPackage()));
          Optional<Usage> u = usage.usage(village);
          Limits limits = EffectiveLimits.standing(parts.live.current(), village.id());
          json.put(
              "today",
              u.map(x -> amount(x.villageDayBytes(), limits.villageDailyBytes())).orElse(null));
          json.put(
              "month",
              u.map(x -> amount(x.villageMonthBytes(), limits.villageMonthlyBytes())).orElse(null));
          JsonArray hourly = new JsonArray();
          usage
              .chartHours(village, today)
              .forEach(
                  (hour, bytes) ->
                      hourly.add(
                          new JsonObject().put("hour", hour.toString()).put("bytes", bytes)));
          json.put("hourly", hourly);
          JsonArray top = new JsonArray();
          for (UsagePages.TopUser t :
              UsagePages.top(parts.stores.sessions().listByVillage(village.id()))) {
            top.add(
                new JsonObject()
                    .put("user", t.userId())
                    .put("bytes", t.bytes())
                    .put("sessions", t.sessions()));
          }
          json.put("topUsers", top);
          return Reply.json(200, json.encode());
        });
  }

  /**
   * {@code GET .../usage/csv?from=yyyy-MM-dd&to=yyyy-MM-dd}: the console's CSV, byte for byte; 400
   * with a message per parameter.
   */
  void csv(RoutingContext ctx) {
    Village village = AdminParts.village(ctx);
    FormFields form =
        new FormFields(
            f -> ctx.request().getParam(PARAMS.getOrDefault(f, f)),
            key -> parts.pages.text(ctx, key));
    UsagePages.Period period = UsagePages.period(form, usage.today(village));
    if (period == null) {
      Map<String, String> errors = new HashMap<>();
      form.errors().forEach((f, message) -> errors.put(PARAMS.getOrDefault(f, f), message));
      parts.send(
          ctx,
          Reply.json(
              400, new JsonObject().put("errors", new JsonObject(Map.copyOf(errors))).encode()));
      return;
    }
    parts.run(ctx, () -> usage.csvBody(village, period));
  }

  private static JsonObject amount(long bytes, long limitBytes) {
    return new JsonObject()
        .put("bytes", bytes)
        .put("limitBytes", limitBytes == Limits.UNLIMITED ? null : limitBytes)
        .put("percent", Units.percent(bytes, limitBytes));
  }

  private static JsonObject packageJson(BandwidthPackage p) {
    if (p == null) {
      return null;
    }
    return new JsonObject()
        .put("downlinkMbps", p.downlinkMbps())
        .put("uplinkMbps", p.uplinkMbps())
        .put("monthlyGb", p.monthlyGb())
        .put("budgetYear", p.budgetYear())
        .put("budgetRupiah", p.budgetRupiah());
  }
}
