package org.smartkampung.portal.admin;

import java.util.Locale;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.village.BandwidthPackage;

/** Amounts as admins read them: decimal units like package sellers use. */
final class Units {

  private Units() {}

  static String bytes(long bytes) {
    if (bytes >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
    if (bytes >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
    return bytes + " B";
  }

  static String limitBytes(long bytes) {
    return bytes == Limits.UNLIMITED ? "-" : bytes(bytes);
  }

  /** Percent used of a limit, 0 for no limit. */
  static long percent(long used, long limit) {
    if (limit == Limits.UNLIMITED || limit <= 0) {
      return 0;
    }
    return Math.min(999, used * 100 / limit);
  }

  static String rate(long bitsPerSecond) {
    if (bitsPerSecond >= 1_000_000) {
      return String.format(Locale.ROOT, "%.1f Mbit/s", bitsPerSecond / 1e6);
    }
    return String.format(Locale.ROOT, "%.0f kbit/s", bitsPerSecond / 1e3);
  }

  static String packageText(BandwidthPackage p) {
    return p.downlinkMbps()
        + "/"
        + p.uplinkMbps()
        + " Mbps, "
        + (p.monthlyGb() <= 0 ? "tanpa batas" : p.monthlyGb() + " GB/bulan")
        + ", APBDes "
        + p.budgetYear()
        + ", Rp "
        + String.format(Locale.forLanguageTag("id"), "%,d", p.budgetRupiah());
  }
}
