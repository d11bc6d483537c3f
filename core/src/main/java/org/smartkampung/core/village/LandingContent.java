package org.smartkampung.core.village;

import java.time.Instant;
import java.util.List;

/**
 * What the desa admin shows on the village's landing page besides the login: public-service links,
 * news and the "Produk Desa" board. Lists are never null.
 *
 * @param villageId the village
 * @param links public-service links, shown after the config file's links
 * @param news village news, newest first
 * @param products local products villagers sell
 * @param replaceConfigLinks the desa admin chose to show only {@code links}, without the config
 *     file's; false (the default, also for content stored before this choice existed) adds them
 * @param wifiName the name (SSID) of the village's free Wi-Fi, printed on voucher cards; empty when
 *     not set
 */
public record LandingContent(
    String villageId,
    List<ServiceLink> links,
    List<News> news,
    List<Product> products,
    boolean replaceConfigLinks,
    String wifiName,
    String officeContact) {

  public LandingContent {
    links = links == null ? List.of() : List.copyOf(links);
    news = news == null ? List.of() : List.copyOf(news);
    products = products == null ? List.of() : List.copyOf(products);
    wifiName = wifiName == null ? "" : wifiName;
    officeContact = officeContact == null ? "" : officeContact;
  }

  /** Content that adds its links to the config file's. */
  public LandingContent(
      String villageId, List<ServiceLink> links, List<News> news, List<Product> products) {
    this(villageId, links, news, products, false, "", "");
  }

  /** This content with the links choice set. */
  public LandingContent withReplaceConfigLinks(boolean replace) {
    return new LandingContent(villageId, links, news, products, replace, wifiName, officeContact);
  }

  /** This content with other lists and the same choices and Wi-Fi name. */
  public LandingContent withLists(
      List<ServiceLink> links, List<News> news, List<Product> products) {
    return new LandingContent(
        villageId, links, news, products, replaceConfigLinks, wifiName, officeContact);
  }

  /** This content with the Wi-Fi name set. */
  public LandingContent withWifiName(String name) {
    return new LandingContent(
        villageId, links, news, products, replaceConfigLinks, name, officeContact);
  }

  /** This content with the kantor desa contact set. */
  public LandingContent withOfficeContact(String contact) {
    return new LandingContent(
        villageId, links, news, products, replaceConfigLinks, wifiName, contact);
  }

  /**
   * The links the landing page shows: {@code links} alone when the admin chose to replace them (and
   * there are some), else the config file's {@code configLinks} followed by {@code links}.
   */
  public List<ServiceLink> shownLinks(List<ServiceLink> configLinks) {
    if (replaceConfigLinks && !links.isEmpty()) {
      return links;
    }
    List<ServiceLink> all = new java.util.ArrayList<>(configLinks);
    all.addAll(links);
    return List.copyOf(all);
  }

  public static LandingContent empty(String villageId) {
    return new LandingContent(villageId, List.of(), List.of(), List.of());
  }

  /**
   * A village news item.
   *
   * @param title headline
   * @param body text, plain (never HTML)
   * @param publishedAt when it was posted
   */
  public record News(String title, String body, Instant publishedAt) {}

  /**
   * A local product on the "Produk Desa" board.
   *
   * @param name what it is
   * @param photoUrl an https or http address of a photo; empty for none
   * @param priceRupiah price in Rupiah
   * @param whatsapp the seller's WhatsApp number in international form without '+', e.g. 6281234
   */
  public record Product(String name, String photoUrl, long priceRupiah, String whatsapp) {
    public Product {
      photoUrl = photoUrl == null ? "" : photoUrl;
    }
  }
}
