package org.smartkampung.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the errors of one load, each with the line of the field it names. Owned by a single
 * {@link ConfigLoader#load} call; not shared.
 */
final class Problems {

  private final String file;
  private final Map<String, Integer> lines = new HashMap<>();
  private final List<ConfigError> errors = new ArrayList<>();
  private final List<String> reportedPaths = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  /** Remembers where a field (or list element) starts; the first occurrence wins. */
  void recordLine(String path, int line) {
    lines.putIfAbsent(path, line);
  }

  /**
   * The line of a field, or of its nearest enclosing field when it is absent (a missing required
   * field is reported where its parent starts); 0 for a missing top-level section.
   */
  int lineOf(String path) {
    String p = path;
    while (!p.isEmpty()) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      p = parentOf(p);
    }
    return 0;
  }

  /** Reports a problem at the line of {@code path}. */
  void at(String path, String message) {
    atLine(lineOf(path), path, message);
  }

  /**
   * Reports a problem at an explicit line. A field already reported (or one inside it) gets no
   * second error: a value rejected for its type must not also show up as "missing".
   */
  void atLine(int line, String path, String message) {
    for (String reported : reportedPaths) {
      if (path.equals(reported)
          || path.startsWith(reported + ".")
          || path.startsWith(reported + "[")) {
        return;
      }
    }
    reportedPaths.add(path);
    errors.add(new ConfigError(file, line, path, message));
  }

  boolean any() {
    return !errors.isEmpty();
  }

  /** All errors in file order. */
  List<ConfigError> sorted() {
    List<ConfigError> copy = new ArrayList<>(errors);
    copy.sort(Comparator.comparingInt(ConfigError::line));
    return copy;
  }

  static String parentOf(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }
}
