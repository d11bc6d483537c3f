package org.smartkampung.core.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Reads {@code kampung.yaml} into a validated {@link KampungConfig}. Every error names the file,
 * line and field; all errors are reported together.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  /** Loads a file, substituting {@code ${KAMPUNG_...}} from the process environment. */
  public static KampungConfig load(Path file) throws ConfigException {
    throw new UnsupportedOperationException("not yet");
  }

  /** Loads YAML text; {@code fileName} is used in error messages. */
  public static KampungConfig load(String fileName, String yaml, Map<String, String> env)
      throws ConfigException {
    throw new UnsupportedOperationException("not yet");
  }
}
