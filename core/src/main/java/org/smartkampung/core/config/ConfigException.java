package org.smartkampung.core.config;

import java.util.List;

/** The configuration could not be loaded; carries every problem found, not only the first. */
public class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigError> errors;

  public ConfigException(List<ConfigError> errors) {
    super(
        errors.size()
            + " configuration error(s):\n"
            + String.join("\n", errors.stream().map(ConfigError::toString).toList()));
    this.errors = List.copyOf(errors);
  }

  public List<ConfigError> errors() {
    return errors;
  }
}
