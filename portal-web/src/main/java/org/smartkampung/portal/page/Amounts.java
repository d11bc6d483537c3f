package org.smartkampung.portal.page;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.portal.i18n.Messages;

/** Byte counts and durations as villagers read them ("1,5 GB", "2 jam 5 menit"). */
public final class Amounts {

  private Amounts() {}

  /** Decimal units, as package sellers count; "tanpa batas"/"unlimited" for no limit. */
  public static String bytes(long bytes, String lang, Messages messages) {
    if (bytes == Limits.UNLIMITED || bytes < 0) {
      return messages.get(lang, "amount.unlimited");
    }
    return Formats.of(lang).bytesShort(bytes);
  }

  /** Hours and minutes; "tanpa batas"/"unlimited" for no limit. */
  public static String duration(long seconds, String lang, Messages messages) {
    if (seconds == Limits.UNLIMITED || seconds < 0) {
      return messages.get(lang, "amount.unlimited");
    }
    long hours = seconds / 3600;
    long minutes = (seconds % 3600) / 60;
    return messages.get(lang, "amount.duration", hours, minutes);
  }

  /**
   * A moment as villagers read it on the village's clock, with Indonesia's zone abbreviation ("10
   * Desember 2026 19.00 WIB", "10 December 2026 19:00 WIB").
   */
  public static String dateTime(Instant at, ZoneId zone, String lang) {
    Locale locale = Locale.forLanguageTag(lang);
    String pattern = "id".equals(locale.getLanguage()) ? "d MMMM yyyy HH.mm" : "d MMMM yyyy HH:mm";
    String text = DateTimeFormatter.ofPattern(pattern, locale).format(at.atZone(zone));
    return text + " " + zoneName(zone);
  }

  private static String zoneName(ZoneId zone) {
    return switch (zone.getId()) {
      case "Asia/Jakarta", "Asia/Pontianak" -> "WIB";
      case "Asia/Makassar" -> "WITA";
      case "Asia/Jayapura" -> "WIT";
      default -> zone.getId();
    };
  }
}
