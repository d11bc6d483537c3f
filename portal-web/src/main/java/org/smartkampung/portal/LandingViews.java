package org.smartkampung.portal;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.smartkampung.core.village.LandingContent;
import org.smartkampung.portal.admin.service.ProductPhotos;
import org.smartkampung.portal.page.Formats;
import org.smartkampung.portal.security.SafeUrl;

/** The desa admin's news and "Produk Desa" as the landing template shows them. */
final class LandingViews {

  private LandingViews() {}

  /** The newest {@code max} news items: title, date in the village's zone, text. */
  static List<Map<String, String>> news(LandingContent content, ZoneId zone, int max) {
    return content.news().stream()
        .limit(max)
        .map(
            n ->
                Map.of(
                    "title", n.title(),
                    "date", Formats.ID.date(n.publishedAt().atZone(zone).toLocalDate()),
                    "body", n.body()))
        .toList();
  }

  /**
   * The first {@code max} products: name, price in Rupiah, a wa.me link and the photo when it is
   * one uploaded for this village (served by the portal, so it shows before login) or an https
   * address (checked again here, so a value stored by other means cannot become a script).
   */
  static List<Map<String, String>> products(LandingContent content, int max) {
    return content.products().stream()
        .limit(max)
        .map(
            p ->
                Map.of(
                    "name",
                    p.name(),
                    "price",
                    rupiah(p.priceRupiah()),
                    "wa",
                    "https://wa.me/" + p.whatsapp().replaceAll("[^0-9]", ""),
                    "photo",
                    ProductPhotos.isOwn(p.photoUrl(), content.villageId())
                        ? p.photoUrl()
                        : httpsPhoto(p.photoUrl())))
        .toList();
  }

  static String rupiah(long amount) {
    return Formats.ID.rupiah(amount);
  }

  static String httpsPhoto(String url) {
    return SafeUrl.httpTarget(url).filter(u -> u.startsWith("https://")).orElse("");
  }
}
