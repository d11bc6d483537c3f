package org.smartkampung.portal.admin;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  private static final Pattern AMOUNT =
      Pattern.compile("(.*?)\\s*(GB|MB)?", Pattern.CASE_INSENSITIVE);

  /**
   * An optional whole amount of {@code unit} ("GB" or "MB") in [min, max], typed as the admin
   * would: "1.500", "5 GB", "1.500 MB"; another unit is converted ("2 GB" in a megabyte field is
   * 2.000), and must come out whole. Null when empty.
   */
  Long optionalAmount(String field, String unit, long min, long max) {
    String v = text(field);
    if (v.isEmpty()) {
      return null;
    }
    Matcher m = AMOUNT.matcher(v);
    Long n = m.matches() ? formats.parseWhole(m.group(1)).orElse(null) : null;
    String typed = m.matches() && m.group(2) != null ? m.group(2).toUpperCase(Locale.ROOT) : unit;
    if (n != null && !typed.equals(unit)) {
      if (typed.equals("GB")) {
        n = n * 1000; // gigabytes typed into a megabyte field
      } else if (n % 1000 == 0) {
        n = n / 1000;
      } else {
        n = null;
      }
    }
    if (n == null) {
      // A plain number gets the plain message; a unit we cannot read gets the unit's.
      boolean unitTyped = (m.matches() && m.group(2) != null) || !v.matches("[-\\d.,\\s]*");
      errors.put(
          field,
          unitTyped ? texts.apply("form.amount").formatted(unit) : texts.apply("form.number"));
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
