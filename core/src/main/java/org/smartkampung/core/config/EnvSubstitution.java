package org.smartkampung.core.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Replaces <code>${KAMPUNG_NAME}</code> and <code>${KAMPUNG_NAME:-default}</code> in a scalar
 * value; <code>$${</code> writes a literal <code>${</code>. As in the shell, the default also
 * applies when the variable is set but empty.
 *
 * <p>Only variables whose names start with {@code KAMPUNG_} are read: a config file (which may come
 * from a shared template or a less trusted admin) must not be able to copy arbitrary process
 * secrets such as {@code AWS_SECRET_ACCESS_KEY} into a page, a log or a RADIUS reply.
 */
final class EnvSubstitution {

  static final String PREFIX = "KAMPUNG_";
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, String> env;

  EnvSubstitution(Map<String, String> env) {
    this.env = env;
  }

  static boolean mentionsVariable(String text) {
    return text.contains("${");
  }

  /**
   * The text with variables replaced; each problem goes to {@code problem} and the reference is
   * left as written.
   */
  String apply(String text, Consumer<String> problem) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
        continue;
      }
      if (!text.startsWith("${", i)) {
        out.append(text.charAt(i++));
        continue;
      }
      int end = text.indexOf('}', i + 2);
      if (end < 0) {
        problem.accept("unclosed '${' in '" + text + "'");
        out.append(text, i, text.length());
        break;
      }
      String reference = text.substring(i + 2, end);
      out.append(resolve(reference, problem).orElse(text.substring(i, end + 1)));
      i = end + 1;
    }
    return out.toString();
  }

  private Optional<String> resolve(String reference, Consumer<String> problem) {
    int sep = reference.indexOf(":-");
    String name = sep < 0 ? reference : reference.substring(0, sep);
    String fallback = sep < 0 ? null : reference.substring(sep + 2);
    if (!NAME.matcher(name).matches()) {
      problem.accept("'${" + reference + "}' is not a variable reference like ${KAMPUNG_NAME}");
      return Optional.empty();
    }
    if (!name.startsWith(PREFIX)) {
      problem.accept(
          "environment variable "
              + name
              + " may not be used: only variables starting with "
              + PREFIX
              + " are substituted");
      return Optional.empty();
    }
    String value = env.get(name);
    if (value == null || (value.isEmpty() && fallback != null)) {
      if (fallback == null) {
        problem.accept(
            "environment variable "
                + name
                + " is not set (set it, or write ${"
                + name
                + ":-default})");
        return Optional.empty();
      }
      return Optional.of(fallback);
    }
    return Optional.of(value);
  }
}
