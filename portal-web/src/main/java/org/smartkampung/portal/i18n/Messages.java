package org.smartkampung.portal.i18n;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The texts villagers read, from {@code i18n/messages_id.properties} (Bahasa Indonesia, the
 * default) and {@code i18n/messages_en.properties}. Loaded once; immutable; thread-safe.
 */
public final class Messages {

  /** Bahasa Indonesia. */
  public static final String ID = "id";

  /** English. */
  public static final String EN = "en";

  private final Map<String, Map<String, String>> byLanguage;

  private Messages(Map<String, Map<String, String>> byLanguage) {
    this.byLanguage = byLanguage;
  }

  /** Loads both bundles of the villager portal from the classpath. */
  public static Messages load() {
    return load("i18n.messages");
  }

  /** Loads both languages of the bundle {@code baseName} (e.g. {@code i18n.admin}). */
  public static Messages load(String baseName) {
    Map<String, Map<String, String>> all = new HashMap<>();
    for (String lang : new String[] {ID, EN}) {
      ResourceBundle bundle =
          ResourceBundle.getBundle(
              baseName,
              Locale.forLanguageTag(lang),
              ResourceBundle.Control.getNoFallbackControl(
                  ResourceBundle.Control.FORMAT_PROPERTIES));
      Map<String, String> texts = new HashMap<>();
      for (String key : bundle.keySet()) {
        texts.put(key, bundle.getString(key));
      }
      all.put(lang, Collections.unmodifiableMap(texts));
    }
    return new Messages(Map.copyOf(all));
  }

  /** All texts of a language, for templates ({@code t['key']}). */
  public Map<String, String> all(String lang) {
    return byLanguage.getOrDefault(lang, byLanguage.get(ID));
  }

  /** One text, with {@code {0}}-style arguments filled in. */
  public String get(String lang, String key, Object... args) {
    String pattern = all(lang).get(key);
    if (pattern == null) {
      throw new MissingResourceException("no text " + key, "messages", key);
    }
    return args.length == 0
        ? pattern
        : new MessageFormat(pattern, Locale.forLanguageTag(lang)).format(args);
  }

  /**
   * The language for a request: an explicit choice ({@code ?lang=} or the cookie), else Bahasa
   * Indonesia. The browser's Accept-Language is not followed: the village pages are Indonesian
   * first, and English is there for whoever picks it.
   */
  public static String choose(String explicit) {
    return EN.equals(explicit) || ID.equals(explicit) ? explicit : ID;
  }
}
