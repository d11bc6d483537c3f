package org.smartkampung.portal.page;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smartkampung.core.quota.OpeningHours;

/**
 * Numbers, money, dates and times as people write them in one language, out and in: the one place
 * the console and the villager pages format and parse them. Indonesian ({@code id}): "880,0 MB",
 * "Rp 45.000", "16/08/2026", "05.00-22.00"; English: "880.0 MB", "Rp 45,000", "16/08/2026",
 * "05:00-22:00". Parsing accepts the language's own grouping and plain digits, so "36.000.000" is
 * thirty-six million in Indonesian. Immutable and thread-safe.
 *
 * @param lang {@code id} or {@code en}
 */
public record Formats(String lang) {

  public static final Formats ID = new Formats("id");
  public static final Formats EN = new Formats("en");

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");
  private static final DateTimeFormatter TIME_ID = DateTimeFormatter.ofPattern("HH.mm");
  private static final DateTimeFormatter TIME_EN = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DAY_MONTH_YEAR =
      DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern PLAIN = Pattern.compile("-?\\d+");
  private static final Pattern GROUPED_DOT = Pattern.compile("-?\\d{1,3}(\\.\\d{3})+");
  private static final Pattern GROUPED_COMMA = Pattern.compile("-?\\d{1,3}(,\\d{3})+");
  private static final Pattern CLOCK = Pattern.compile("(\\d{1,2})[.:](\\d{2})");

  /** The formats of {@code lang}; Indonesian for anything but {@code en}. */
  public static Formats of(String lang) {
    return "en".equals(lang) ? EN : ID;
  }

  private boolean english() {
    return "en".equals(lang);
  }

  private DecimalFormat decimals(int fractionDigits) {
    DecimalFormatSymbols symbols = new DecimalFormatSymbols();
    symbols.setDecimalSeparator(english() ? '.' : ',');
    symbols.setGroupingSeparator(english() ? ',' : '.');
    symbols.setMinusSign('-');
    DecimalFormat f = new DecimalFormat(fractionDigits == 0 ? "#,##0" : "#,##0.0", symbols);
    f.setMinimumFractionDigits(fractionDigits);
    f.setMaximumFractionDigits(fractionDigits);
    return f;
  }

  /** A whole number with the language's grouping: "36.000.000". */
  public String whole(long n) {
    return decimals(0).format(n);
  }

  /** A number with {@code fractionDigits} decimals: "1,5". */
  public String decimal(double n, int fractionDigits) {
    return decimals(fractionDigits).format(n);
  }

  /** Decimal units with one decimal, as package sellers count: "880,0 MB", "59,1 GB", "512 B". */
  public String bytes(long bytes) {
    if (bytes >= 1_000_000_000L) {
      return decimal(bytes / 1e9, 1) + " GB";
    }
    if (bytes >= 1_000_000L) {
      return decimal(bytes / 1e6, 1) + " MB";
    }
    return whole(bytes) + " B";
  }

  /** Like {@link #bytes} with at most one decimal and KB below a megabyte: "1,5 GB", "2 GB". */
  public String bytesShort(long bytes) {
    DecimalFormat f = decimals(1);
    f.setMinimumFractionDigits(0);
    if (bytes >= 1_000_000_000L) {
      return f.format(bytes / 1e9) + " GB";
    }
    if (bytes >= 1_000_000L) {
      return f.format(bytes / 1e6) + " MB";
    }
    return f.format(bytes / 1e3) + " KB";
  }

  /** A speed: "2,0 Mbit/s", "640 kbit/s". */
  public String rate(long bitsPerSecond) {
    if (bitsPerSecond >= 1_000_000) {
      return decimal(bitsPerSecond / 1e6, 1) + " Mbit/s";
    }
    return whole(Math.round(bitsPerSecond / 1e3)) + " kbit/s";
  }

  /** Money: "Rp 45.000". */
  public String rupiah(long rupiah) {
    return "Rp " + whole(rupiah);
  }

  /** A date: "16/08/2026". */
  public String date(LocalDate date) {
    return DATE.format(date);
  }

  /** A time of day: "19.30" in Indonesian, "19:30" in English. */
  public String time(LocalTime time) {
    return (english() ? TIME_EN : TIME_ID).format(time);
  }

  /** Date and time: "16/08/2026 19.30". */
  public String dateTime(ZonedDateTime at) {
    return date(at.toLocalDate()) + " " + time(at.toLocalTime());
  }

  /** Opening hours: "05.00-22.00". */
  public String hours(OpeningHours hours) {
    return time(hours.opens()) + "-" + time(hours.closes());
  }

  /** Indonesian time zones as people say them: WIB, WITA, WIT; other zones by their id. */
  public static String zoneLabel(java.time.ZoneId zone) {
    return switch (zone.getId()) {
      case "Asia/Jakarta", "Asia/Pontianak" -> "WIB";
      case "Asia/Makassar" -> "WITA";
      case "Asia/Jayapura" -> "WIT";
      default -> zone.getId();
    };
  }

  /** Opening hours with the zone: "05.00-22.00 WIB". */
  public String hours(OpeningHours hours, java.time.ZoneId zone) {
    return hours(hours) + " " + zoneLabel(zone);
  }

  /**
   * A whole number as typed: plain digits, or grouped the language's way ("36.000.000" in
   * Indonesian, "36,000,000" in English), with spaces and a leading "Rp" ignored.
   */
  public Optional<Long> parseWhole(String text) {
    String t = text.trim().replaceFirst("^(?i)rp\\.?", "").replace(" ", "").replace("\u00a0", "");
    try {
      if (PLAIN.matcher(t).matches()) {
        return Optional.of(Long.parseLong(t));
      }
      if ((english() ? GROUPED_COMMA : GROUPED_DOT).matcher(t).matches()) {
        return Optional.of(Long.parseLong(t.replace(english() ? "," : ".", "")));
      }
    } catch (NumberFormatException tooLong) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** A date as typed: "16/08/2026", "16-8-2026", or ISO "2026-08-16". */
  public Optional<LocalDate> parseDate(String text) {
    String t = text.trim();
    try {
      if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return Optional.of(LocalDate.parse(t));
      }
      return Optional.of(LocalDate.parse(t.replace('-', '/').replace('.', '/'), DAY_MONTH_YEAR));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Opening hours as typed: "05.00-22.00", "5.00 - 22.00" or "05:00-22:00". */
  public Optional<OpeningHours> parseHours(String text) {
    Matcher m = CLOCK.matcher(text.trim());
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, String.format("%02d:%s", Integer.parseInt(m.group(1)), m.group(2)));
    }
    m.appendTail(sb);
    try {
      return Optional.of(OpeningHours.parse(sb.toString()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
