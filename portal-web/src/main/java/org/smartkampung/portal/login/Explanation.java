package org.smartkampung.portal.login;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why the portal will not log a villager in right now; each has its own page at {@code
 * /info/<slug>} with a title and text from the message bundles ({@code info.<slug>.title}, {@code
 * info.<slug>.body}).
 */
public enum Explanation {
  USER_QUOTA_SPENT("kuota-habis"),
  VILLAGE_QUOTA_SPENT("kuota-desa-habis"),
  OUTSIDE_OPENING_HOURS("di-luar-jam-layanan"),
  TOO_MANY_DEVICES("terlalu-banyak-perangkat"),
  VOUCHER_USED("voucher-terpakai"),
  VOUCHER_EXPIRED("voucher-kedaluwarsa"),
  SERVICE_UNAVAILABLE("layanan-terganggu"),
  /** The village's admin blocked the device. */
  DEVICE_BLOCKED("perangkat-diblokir"),
  /** The NAS (our gateway, through RADIUS) refused the login; the page carries its message. */
  LOGIN_REFUSED("login-ditolak");

  private final String slug;

  Explanation(String slug) {
    this.slug = slug;
  }

  /** The URL path segment and message-key stem. */
  public String slug() {
    return slug;
  }

  public static Optional<Explanation> fromSlug(String slug) {
    return Arrays.stream(values()).filter(e -> e.slug.equals(slug)).findFirst();
  }
}
