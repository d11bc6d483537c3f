package org.smartkampung.portal.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.smartkampung.portal.page.Formats;

/**
 * Reads numbers from a submitted form and collects a message per bad field, so a form re-renders
 * with every problem at once and nothing is saved while any remains. Not thread-safe: one per
 * request.
 */
final class FormFields {

  private final Function<String, String> values;
  private final Function<String, String> texts;
  private final Formats formats;
  private final Map<String, String> errors = new LinkedHashMap<>();

  /**
   * Numbers as the JSON API sends them (plain digits; Indonesian grouping also accepted).
   *
   * @param values the submitted value of a field, null when absent
   * @param texts a message by key in the admin's language
   */
  FormFields(Function<String, String> values, Function<String, String> texts) {
    this(values, texts, Formats.ID);
  }

  /** Numbers, dates and hours as typed in the admin's language ("36.000.000", "16/08/2026"). */
  FormFields(Function<String, String> values, Function<String, String> texts, Formats formats) {
    this.values = values;
    this.texts = texts;
    this.formats = formats;
  }

  Formats formats() {
    return formats;
  }

  /** The trimmed value, "" when absent. */
  String text(String field) {
    String v = values.apply(field);
    return v == null ? "" : v.trim();
  }

  /** Whether the field was submitted at all (an empty field counts). */
  boolean has(String field) {
    return values.apply(field) != null;
  }

  /**
   * The value as submitted, untrimmed (passwords may start or end with a space), "" when absent.
   */
  String raw(String field) {
    String v = values.apply(field);
    return v == null ? "" : v;
  }

  /** An optional whole number in [min, max]; null when empty; an error when malformed. */
  Long optionalLong(String field, long min, long max) {
    String v = text(field);
    if (v.isEmpty()) {
      return null;
    }
    Long n = formats.parseWhole(v).orElse(null);
    if (n == null) {
      errors.put(field, texts.apply("form.number"));
      return null;
    }
    if (n < min || n > max) {
      errors.put(field, texts.apply("form.range").formatted(rangeEnd(min), rangeEnd(max)));
      return null;
    }
    return n;
  }

  /** Large bounds grouped ("10.000.000"); ports, years and minutes as they are ("65535"). */
  private String rangeEnd(long n) {
    return Math.abs(n) >= 100_000 ? formats.whole(n) : Long.toString(n);
  }

  /** A required whole number in [min, max]. */
  long requiredLong(String field, long min, long max) {
    if (text(field).isEmpty()) {
      errors.put(field, texts.apply("form.required"));
      return 0;
    }
    Long n = optionalLong(field, min, max);
    return n == null ? 0 : n;
  }

  /** Records the message with key {@code key} for the field. */
  void error(String field, String key) {
    errors.put(field, texts.apply(key));
  }

  /** Like {@link #error} unless the field already has a message (the first problem is shown). */
  void errorIfAbsent(String field, String key) {
    if (!errors.containsKey(field)) {
      error(field, key);
    }
  }

  boolean ok() {
    return errors.isEmpty();
  }

  Map<String, String> errors() {
    return errors;
  }
}
