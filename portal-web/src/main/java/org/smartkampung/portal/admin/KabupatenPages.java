package org.smartkampung.portal.admin;

import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.health.HotspotState;
import org.smartkampung.core.limits.EffectiveLimits;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.village.Village;
import org.smartkampung.portal.page.Formats;

/** The kabupaten operator's pages: every village on one screen (HTML or CSV) and the audit log. */
final class KabupatenPages {

  /** A village counts as connected when a session reported within this time. */
  static final Duration CONNECTED_WITHIN = Duration.ofMinutes(15);

  /** Down hotspots listed at the top of the overview; the hotspot page lists them all. */
  static final int DOWN_LISTED = 50;

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final AdminParts parts;

  KabupatenPages(AdminParts parts) {
    this.parts = parts;
  }

  /** One village's line on the overview. */
  record Line(
      String id,
      String name,
      String kecamatan,
      boolean connected,
      int hotspots,
      int sessions,
      long monthBytes,
      long monthLimitBytes,
      long percent,
      boolean noBudgetLine) {}

  /** {@code GET /admin/kabupaten?urut=<column>}. */
  void overview(RoutingContext ctx) {
    String sort = ctx.request().getParam("urut", "name");
    Formats f = parts.formats(ctx);
    parts.run(
        ctx,
        () -> {
          Map<String, Object> model = new HashMap<>();
          List<HotspotStates.Row> hotspots =
              HotspotStates.all(
                  parts.live.current(),
                  parts.stores.hotspotSightings().lastSeen(),
                  parts.clock.instant());
          List<Map<String, String>> down = new ArrayList<>();
          for (HotspotStates.Row r : hotspots) {
            if (r.state() != HotspotState.DOWN || down.size() >= DOWN_LISTED) {
              break; // down ones come first
            }
            down.add(
                Map.of(
                    "name", r.nas().name(),
                    "villageId", r.villageId(),
                    "village", r.villageName(),
                    "kecamatan", r.kecamatan(),
                    "lastSeen", r.lastSeen()));
          }
          long downCount = hotspots.stream().filter(r -> r.state() == HotspotState.DOWN).count();
          model.put("down", down);
          model.put("downCount", downCount);
          model.put("downShown", f.whole(downCount));
          model.put("hotspotCount", f.whole(hotspots.size()));
          List<Line> lines = lines(sort);
          model.put("lines", lines.stream().map(l -> shown(l, f)).toList());
          model.put(
              "totals",
              parts.pages.text(
                  ctx,
                  "kabupaten.totals",
                  f.whole(lines.size()),
                  f.whole(lines.stream().mapToLong(Line::sessions).sum()),
                  f.bytes(lines.stream().mapToLong(Line::monthBytes).sum())));
          model.put("sort", sort);
          model.put("year", year());
          return Reply.page("kabupaten", model);
        });
  }

  /** A line as the overview shows it: counts, bytes and percent in the admin's language. */
  private static Map<String, Object> shown(Line l, Formats f) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", l.id());
    row.put("name", l.name());
    row.put("kecamatan", l.kecamatan());
    row.put("connected", l.connected());
    row.put("noBudgetLine", l.noBudgetLine());
    row.put("hotspots", f.whole(l.hotspots()));
    row.put("sessions", f.whole(l.sessions()));
    row.put("monthBytes", f.bytes(l.monthBytes()));
    row.put("monthLimit", Units.limitBytes(l.monthLimitBytes(), f));
    row.put("percent", f.whole(l.percent()));
    return row;
  }

  /** {@code GET /admin/kabupaten/csv?urut=}. */
  void csv(RoutingContext ctx) {
    String sort = ctx.request().getParam("urut", "name");
    parts.run(
        ctx,
        () -> {
          StringBuilder csv =
              new StringBuilder(
                  "desa,nama,kecamatan,terhubung,hotspot,sesi,bulan_ini_bytes,paket_bytes,persen,tanpa_anggaran_"
                      + year()
                      + "\r\n");
          for (Line l : lines(sort)) {
            csv.append(
                Csv.row(
                    l.id(),
                    l.name(),
                    l.kecamatan(),
                    l.connected() ? "ya" : "tidak",
                    Integer.toString(l.hotspots()),
                    Integer.toString(l.sessions()),
                    Long.toString(l.monthBytes()),
                    l.monthLimitBytes() == Limits.UNLIMITED
                        ? ""
                        : Long.toString(l.monthLimitBytes()),
                    Long.toString(l.percent()),
                    l.noBudgetLine() ? "ya" : "tidak"));
          }
          return new Reply.Body(200, "text/csv; charset=utf-8", csv.toString(), "kabupaten.csv");
        });
  }

  /** Audit entries the log page can reach (the newest), and how many one page shows. */
  static final int AUDIT_KEPT_ON_PAGES = 500;

  static final int AUDIT_PAGE_SIZE = 100;

  /** {@code GET /admin/kabupaten/audit?hal=}: newest first, a page of 100. */
  void audit(RoutingContext ctx) {
    int requested;
    try {
      requested = Math.max(1, Integer.parseInt(ctx.request().getParam("hal", "1").trim()));
    } catch (NumberFormatException e) {
      requested = 1;
    }
    int page = requested;
    parts.run(
        ctx,
        () -> {
          List<AuditEntry> newest = parts.admin.audit().newest(AUDIT_KEPT_ON_PAGES);
          int pages = Math.max(1, (newest.size() + AUDIT_PAGE_SIZE - 1) / AUDIT_PAGE_SIZE);
          int shown = Math.min(page, pages);
          List<Map<String, String>> rows = new ArrayList<>();
          for (AuditEntry e :
              newest.subList(
                  (shown - 1) * AUDIT_PAGE_SIZE,
                  Math.min(newest.size(), shown * AUDIT_PAGE_SIZE))) {
            rows.add(
                Map.of(
                    "at",
                        WHEN.format(
                            e.at()
                                .atZone(
                                    parts.live.base().regency() == null
                                        ? Village.DEFAULT_ZONE
                                        : parts.live.base().regency().timeZone())),
                    "actor", e.actor(),
                    "village", e.villageId(),
                    "action", e.action(),
                    "target", e.target(),
                    "before", e.before(),
                    "after", e.after()));
          }
          Map<String, Object> model = new HashMap<>();
          model.put("entries", rows);
          model.put("page", shown);
          model.put("pages", pages);
          model.put("prevUrl", shown > 1 ? "?hal=" + (shown - 1) : "");
          model.put("nextUrl", shown < pages ? "?hal=" + (shown + 1) : "");
          return Reply.page("audit", model);
        });
  }

  List<Line> lines(String sort) {
    KampungConfig config = parts.live.current();
    Instant now = parts.clock.instant();
    int year = year();
    List<Line> lines = new ArrayList<>();
    for (Village v : config.villages()) {
      List<Session> sessions = parts.stores.sessions().listByVillage(v.id());
      boolean connected =
          sessions.stream().anyMatch(s -> s.updatedAt().isAfter(now.minus(CONNECTED_WITHIN)));
      int hotspots =
          (int) config.hotspots().stream().filter(h -> v.id().equals(h.village())).count();
      long month = 0;
      long limit = Limits.UNLIMITED;
      QuotaResult r = parts.stores.ledger().check(v.id(), "~admin", "");
      if (r instanceof QuotaResult.Ok ok) {
        Usage u = ok.usage();
        month = u.villageMonthBytes();
        limit = EffectiveLimits.standing(config, v.id()).villageMonthlyBytes();
      }
      boolean noLine = v.bandwidthPackage() == null || v.bandwidthPackage().budgetYear() != year;
      lines.add(
          new Line(
              v.id(),
              v.name(),
              v.kecamatan() == null ? "" : v.kecamatan(),
              connected,
              hotspots,
              sessions.size(),
              month,
              limit,
              Units.percent(month, limit),
              noLine));
    }
    lines.sort(order(sort));
    return lines;
  }

  private int year() {
    KampungConfig config = parts.live.base();
    return LocalDate.ofInstant(
            parts.clock.instant(),
            config.regency() == null ? Village.DEFAULT_ZONE : config.regency().timeZone())
        .getYear();
  }

  static Comparator<Line> order(String sort) {
    Comparator<Line> byName = Comparator.comparing(Line::name);
    return switch (sort) {
      case "sesi" -> Comparator.comparingInt(Line::sessions).reversed().thenComparing(byName);
      case "pemakaian" -> Comparator.comparingLong(Line::percent).reversed().thenComparing(byName);
      case "hotspot" -> Comparator.comparingInt(Line::hotspots).reversed().thenComparing(byName);
      case "terhubung" -> Comparator.comparing(Line::connected).thenComparing(byName);
      case "anggaran" -> Comparator.comparing(Line::noBudgetLine).reversed().thenComparing(byName);
      case "kecamatan" -> Comparator.comparing(Line::kecamatan).thenComparing(byName);
      default -> byName;
    };
  }
}
