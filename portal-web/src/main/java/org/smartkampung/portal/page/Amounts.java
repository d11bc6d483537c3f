package org.smartkampung.portal.page;

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
}
