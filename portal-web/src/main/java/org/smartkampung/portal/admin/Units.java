package org.smartkampung.portal.admin;

import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.village.BandwidthPackage;
import org.smartkampung.portal.page.Formats;

/** Amounts as admins read them, in their language's {@link Formats}. */
final class Units {

  private Units() {}

  static String limitBytes(long bytes, Formats f) {
    return bytes == Limits.UNLIMITED ? "-" : f.bytes(bytes);
  }

  /** Percent used of a limit, 0 for no limit. */
  static long percent(long used, long limit) {
    if (limit == Limits.UNLIMITED || limit <= 0) {
      return 0;
    }
    return Math.min(999, used * 100 / limit);
  }

  static String packageText(BandwidthPackage p, Formats f) {
    boolean en = f.equals(Formats.EN);
    return p.downlinkMbps()
        + "/"
        + p.uplinkMbps()
        + " Mbps, "
        + (p.monthlyGb() <= 0
            ? (en ? "unlimited" : "tanpa batas")
            : f.whole(p.monthlyGb()) + (en ? " GB/month" : " GB/bulan"))
        + ", APBDes "
        + p.budgetYear()
        + ", "
        + f.rupiah(p.budgetRupiah());
  }
}
