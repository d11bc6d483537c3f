package org.smartkampung.portal.admin.service;

import java.util.ArrayList;
import java.util.List;
import org.smartkampung.core.village.LandingContent;
import org.smartkampung.core.village.LandingContent.News;
import org.smartkampung.core.village.LandingContent.Product;
import org.smartkampung.core.village.LandingContentStore;
import org.smartkampung.core.village.ServiceLink;

/**
 * What a village's landing page shows besides the login: public-service links, news, the Produk
 * Desa board, the links choice and the kantor desa contact. Items arrive checked field by field by
 * the console or the API; here are the rules of the page as a whole (how many of each, which index
 * exists) and the audit, one entry per item added, removed or edited. Blocking.
 */
public final class LandingContentService {

  public static final int MAX_LINKS = 12;
  public static final int MAX_NEWS = 10;
  public static final int MAX_PRODUCTS = 20;

  /** The longest kantor desa contact text. */
  public static final int MAX_CONTACT_CHARS = 300;

  /** The three lists, by the word the console's paths and the audit actions use. */
  public enum Kind {
    LINK("tautan", "name", MAX_LINKS),
    NEWS("berita", "title", MAX_NEWS),
    PRODUCT("produk", "name", MAX_PRODUCTS);

    /** The console's path word and the audit action's suffix. */
    public final String word;

    /** The field a "list full" message sits on. */
    final String field;

    final int max;

    Kind(String word, String field, int max) {
      this.word = word;
      this.field = field;
      this.max = max;
    }

    /** The kind for a path word; null for none. */
    public static Kind of(String word) {
      for (Kind k : values()) {
        if (k.word.equals(word)) {
          return k;
        }
      }
      return null;
    }
  }

  /** Adds a link after the admin's others. */
  public record AddLink(String villageId, ServiceLink link, String actor) {}

  /** Adds a news item first (newest first). */
  public record AddNews(String villageId, News news, String actor) {}

  /** Adds a product last. */
  public record AddProduct(String villageId, Product product, String actor) {}

  /** Removes the item at {@code index} of a list. */
  public record Remove(String villageId, Kind kind, int index, String actor) {}

  /**
   * Replaces the product at {@code index}.
   *
   * @param keepPhoto keep the item's photo when {@code product} has none (the form left it alone)
   */
  public record EditProduct(
      String villageId, int index, Product product, boolean keepPhoto, String actor) {}

  /** Whether the admin's links replace the config file's ({@code true}) or follow them. */
  public record LinksMode(String villageId, boolean replaceConfigLinks, String actor) {}

  /** The kantor desa contact; empty removes it. */
  public record Contact(String villageId, String contact, String actor) {}

  /**
   * Replaces whole lists, as the JSON API's PUT does; a null list (or choice) stays as it is. Items
   * are in the order they are shown.
   */
  public record ReplaceLists(
      String villageId,
      List<ServiceLink> links,
      List<News> news,
      List<Product> products,
      Boolean replaceConfigLinks,
      String actor) {}

  private final LandingContentStore store;
  private final ProductPhotos photos;
  private final Audit audit;

  public LandingContentService(LandingContentStore store, ProductPhotos photos, Audit audit) {
    this.store = store;
    this.photos = photos;
    this.audit = audit;
  }

  /** The uploaded photos of Produk Desa items. */
  public ProductPhotos photos() {
    return photos;
  }

  /** The village's content as stored. */
  public LandingContent find(String villageId) {
    return store.find(villageId);
  }

  /** {@link AdminError.Invalid} {@code landing.full} on {@code name} when 12 links are there. */
  public synchronized Outcome<LandingContent> add(AddLink c) {
    LandingContent before = store.find(c.villageId());
    List<ServiceLink> links = new ArrayList<>(before.links());
    links.add(c.link());
    return added(
        before,
        Kind.LINK,
        before.withLists(links, before.news(), before.products()),
        c.link().name(),
        c.actor());
  }

  /** {@link AdminError.Invalid} {@code landing.full} on {@code title} when 10 items are there. */
  public synchronized Outcome<LandingContent> add(AddNews c) {
    LandingContent before = store.find(c.villageId());
    List<News> news = new ArrayList<>(before.news());
    news.add(0, c.news());
    return added(
        before,
        Kind.NEWS,
        before.withLists(before.links(), news, before.products()),
        c.news().title(),
        c.actor());
  }

  /** {@link AdminError.Invalid} {@code landing.full} on {@code name} when 20 items are there. */
  public synchronized Outcome<LandingContent> add(AddProduct c) {
    LandingContent before = store.find(c.villageId());
    List<Product> products = new ArrayList<>(before.products());
    products.add(c.product());
    return added(
        before,
        Kind.PRODUCT,
        before.withLists(before.links(), before.news(), products),
        c.product().name(),
        c.actor());
  }

  private Outcome<LandingContent> added(
      LandingContent before, Kind kind, LandingContent next, String name, String actor) {
    if (list(before, kind).size() >= kind.max) {
      return Outcome.refused(AdminError.Invalid.of(kind.field, "landing.full"));
    }
    store.put(next);
    audit.record(
        actor, before.villageId(), "landing.add." + kind.word, before.villageId(), "", name);
    return Outcome.done(next);
  }

  /** {@link AdminError.NotFound} for an index not in the list. */
  public synchronized Outcome<LandingContent> remove(Remove c) {
    LandingContent before = store.find(c.villageId());
    List<ServiceLink> links = new ArrayList<>(before.links());
    List<News> news = new ArrayList<>(before.news());
    List<Product> products = new ArrayList<>(before.products());
    List<?> list =
        switch (c.kind()) {
          case LINK -> links;
          case NEWS -> news;
          case PRODUCT -> products;
        };
    if (c.index() < 0 || c.index() >= list.size()) {
      return Outcome.refused(new AdminError.NotFound());
    }
    Object removed = list.remove(c.index());
    LandingContent next = before.withLists(links, news, products);
    store.put(next);
    if (removed instanceof Product p) {
      photos.deleteIfOwn(p.photoUrl(), c.villageId());
    }
    audit.record(
        c.actor(),
        c.villageId(),
        "landing.remove." + c.kind().word,
        c.villageId(),
        removed.toString(),
        "");
    return Outcome.done(next);
  }

  /** The product as saved; {@link AdminError.NotFound} for an index not on the board. */
  public synchronized Outcome<Product> editProduct(EditProduct c) {
    LandingContent before = store.find(c.villageId());
    if (c.index() < 0 || c.index() >= before.products().size()) {
      return Outcome.refused(new AdminError.NotFound());
    }
    List<Product> products = new ArrayList<>(before.products());
    Product old = products.get(c.index());
    Product edited = c.product();
    if (c.keepPhoto() && edited.photoUrl().isEmpty()) {
      edited = new Product(edited.name(), old.photoUrl(), edited.priceRupiah(), edited.whatsapp());
    }
    products.set(c.index(), edited);
    store.put(before.withLists(before.links(), before.news(), products));
    if (!old.photoUrl().equals(edited.photoUrl())) {
      photos.deleteIfOwn(old.photoUrl(), c.villageId());
    }
    audit.record(
        c.actor(),
        c.villageId(),
        "landing.edit.produk",
        c.villageId(),
        old.toString(),
        edited.toString());
    return Outcome.done(edited);
  }

  /** Saves and audits the choice only when it changes. */
  public synchronized LandingContent setLinksMode(LinksMode c) {
    LandingContent before = store.find(c.villageId());
    boolean replace = c.replaceConfigLinks();
    if (before.replaceConfigLinks() == replace) {
      return before;
    }
    LandingContent next = before.withReplaceConfigLinks(replace);
    store.put(next);
    audit.record(
        c.actor(),
        c.villageId(),
        replace ? "landing.links.replace" : "landing.links.add",
        c.villageId(),
        before.replaceConfigLinks() ? "ganti" : "tambah",
        replace ? "ganti" : "tambah");
    return next;
  }

  /** {@link AdminError.Invalid} {@code landing.tooLong} over {@link #MAX_CONTACT_CHARS}. */
  public synchronized Outcome<LandingContent> setContact(Contact c) {
    String contact = c.contact() == null ? "" : c.contact().trim();
    if (contact.length() > MAX_CONTACT_CHARS) {
      return Outcome.refused(AdminError.Invalid.of("officeContact", "landing.tooLong"));
    }
    LandingContent before = store.find(c.villageId());
    if (before.officeContact().equals(contact)) {
      return Outcome.done(before);
    }
    LandingContent next = before.withOfficeContact(contact);
    store.put(next);
    audit.record(
        c.actor(),
        c.villageId(),
        "landing.contact",
        c.villageId(),
        before.officeContact(),
        contact);
    return Outcome.done(next);
  }

  /**
   * Replaces the lists given in one write, audited as the console would: one entry per item gone
   * (its text before) and one per item new (its name).
   *
   * @return {@link AdminError.Invalid} {@code landing.full} on the first item over a list's cap,
   *     keyed like {@code links[12].name}
   */
  public synchronized Outcome<LandingContent> replace(ReplaceLists c) {
    LandingContent before = store.find(c.villageId());
    List<ServiceLink> links = c.links() == null ? before.links() : c.links();
    List<News> news = c.news() == null ? before.news() : c.news();
    List<Product> products = c.products() == null ? before.products() : c.products();
    java.util.Map<String, String> problems = new java.util.LinkedHashMap<>();
    // Keyed like the API's item errors: the first item over the cap.
    if (links.size() > MAX_LINKS) {
      problems.put("links[" + MAX_LINKS + "].name", "landing.full");
    }
    if (news.size() > MAX_NEWS) {
      problems.put("news[" + MAX_NEWS + "].title", "landing.full");
    }
    if (products.size() > MAX_PRODUCTS) {
      problems.put("products[" + MAX_PRODUCTS + "].name", "landing.full");
    }
    if (!problems.isEmpty()) {
      return Outcome.refused(new AdminError.Invalid(problems));
    }
    LandingContent next =
        before
            .withLists(links, news, products)
            .withReplaceConfigLinks(
                c.replaceConfigLinks() == null
                    ? before.replaceConfigLinks()
                    : c.replaceConfigLinks());
    store.put(next);
    List<String> kept = products.stream().map(Product::photoUrl).toList();
    for (Product p : before.products()) {
      if (!kept.contains(p.photoUrl())) {
        photos.deleteIfOwn(p.photoUrl(), c.villageId());
      }
    }
    auditLists(c.actor(), c.villageId(), Kind.LINK, before.links(), links);
    auditLists(c.actor(), c.villageId(), Kind.NEWS, before.news(), news);
    auditLists(c.actor(), c.villageId(), Kind.PRODUCT, before.products(), products);
    return Outcome.done(next);
  }

  private void auditLists(String actor, String village, Kind kind, List<?> before, List<?> after) {
    List<Object> gone = new ArrayList<>(before);
    after.forEach(gone::remove);
    List<Object> added = new ArrayList<>(after);
    before.forEach(added::remove);
    for (Object item : gone) {
      audit.record(actor, village, "landing.remove." + kind.word, village, item.toString(), "");
    }
    for (Object item : added) {
      audit.record(actor, village, "landing.add." + kind.word, village, "", name(item));
    }
  }

  private static String name(Object item) {
    if (item instanceof ServiceLink l) {
      return l.name();
    } else if (item instanceof News n) {
      return n.title();
    } else if (item instanceof Product p) {
      return p.name();
    }
    return item.toString();
  }

  private static List<?> list(LandingContent c, Kind kind) {
    return switch (kind) {
      case LINK -> c.links();
      case NEWS -> c.news();
      case PRODUCT -> c.products();
    };
  }
}
