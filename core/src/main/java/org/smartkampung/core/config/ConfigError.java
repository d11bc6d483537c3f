package org.smartkampung.core.config;

/**
 * One problem in a configuration file, printed as {@code file:line: field: message}.
 *
 * @param file the file as the operator named it
 * @param line 1-based line number; 0 when the problem has no single line (a missing section)
 * @param field dotted path of the field, for example {@code hotspots[1].village}
 * @param message what is wrong, in plain words
 */
public record ConfigError(String file, int line, String field, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + field + ": " + message;
  }
}
