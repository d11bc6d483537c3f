package org.smartkampung.portal.admin;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.smartkampung.portal.page.Formats;

/**
 * Hourly village usage as an inline SVG bar chart: one bar per local hour, evening hours (18:00 to
 * 22:59) drawn darker, a line and a date at each midnight. Colours are SVG attributes because the
 * console's Content-Security-Policy forbids inline styles; there is no script.
 */
final class UsageChart {

  static final int BAR_WIDTH = 5;
  static final int HEIGHT = 180;
  static final int TOP = 16;
  static final int BOTTOM = 20;

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM");
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("dd/MM HH:00");

  private UsageChart() {}

  /** Whether a local hour counts as evening on the chart (the village's busiest time). */
  static boolean evening(LocalDateTime hour) {
    return hour.getHour() >= 18 && hour.getHour() <= 22;
  }

  /**
   * The chart's markup. Every text in it is made here from numbers and dates, so it is safe to
   * insert unescaped.
   *
   * @param hourlyBytes bytes per local hour, in order
   * @param title accessible name of the chart
   */
  static String svg(Map<LocalDateTime, Long> hourlyBytes, String title, Formats f) {
    long max =
        Math.max(1, hourlyBytes.values().stream().mapToLong(Long::longValue).max().orElse(1));
    int width = hourlyBytes.size() * BAR_WIDTH;
    int plot = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"usage-chart\" role=\"img\"")
        .append(" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(HEIGHT)
        .append("\" width=\"100%\" height=\"")
        .append(HEIGHT)
        .append("\" preserveAspectRatio=\"none\" aria-label=\"")
        .append(escape(title))
        .append("\">");
    svg.append("<text x=\"2\" y=\"11\" font-size=\"10\" fill=\"#56645c\">")
        .append(f.bytes(max))
        .append(" / jam</text>");
    int x = 0;
    for (Map.Entry<LocalDateTime, Long> hour : hourlyBytes.entrySet()) {
      long bytes = hour.getValue();
      int h = (int) Math.round((double) bytes * plot / max);
      if (hour.getKey().getHour() == 0) {
        svg.append("<line x1=\"")
            .append(x)
            .append("\" y1=\"")
            .append(TOP)
            .append("\" x2=\"")
            .append(x)
            .append("\" y2=\"")
            .append(HEIGHT - BOTTOM)
            .append("\" stroke=\"#c5cec9\" stroke-width=\"1\"/>");
        svg.append("<text x=\"")
            .append(x + 2)
            .append("\" y=\"")
            .append(HEIGHT - 6)
            .append("\" font-size=\"10\" fill=\"#56645c\">")
            .append(hour.getKey().format(DAY))
            .append("</text>");
      }
      svg.append("<rect class=\"")
          .append(evening(hour.getKey()) ? "bar evening" : "bar")
          .append("\" x=\"")
          .append(x)
          .append("\" y=\"")
          .append(HEIGHT - BOTTOM - h)
          .append("\" width=\"")
          .append(BAR_WIDTH - 1)
          .append("\" height=\"")
          .append(h)
          .append("\" fill=\"")
          .append(evening(hour.getKey()) ? "#1f6f4a" : "#8fbfa4")
          .append("\"><title>")
          .append(hour.getKey().format(HOUR))
          .append(": ")
          .append(f.bytes(bytes))
          .append("</title></rect>");
      x += BAR_WIDTH;
    }
    svg.append("<line x1=\"0\" y1=\"")
        .append(HEIGHT - BOTTOM)
        .append("\" x2=\"")
        .append(width)
        .append("\" y2=\"")
        .append(HEIGHT - BOTTOM)
        .append("\" stroke=\"#56645c\" stroke-width=\"1\"/>");
    return svg.append("</svg>").toString();
  }

  /** The hour of day (0 to 23) with the most bytes summed over all days, or -1 without use. */
  static int peakHourOfDay(Map<LocalDateTime, Long> hourlyBytes) {
    long[] byHour = new long[24];
    hourlyBytes.forEach((hour, bytes) -> byHour[hour.getHour()] += bytes);
    int peak = -1;
    for (int h = 0; h < 24; h++) {
      if (byHour[h] > 0 && (peak < 0 || byHour[h] > byHour[peak])) {
        peak = h;
      }
    }
    return peak;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
