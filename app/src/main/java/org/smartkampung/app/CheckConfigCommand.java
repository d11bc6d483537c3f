package org.smartkampung.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.smartkampung.core.config.ConfigError;
import org.smartkampung.core.config.ConfigException;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.config.KampungConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kampung check-config [FILE]}: prints every error in a config file, or a summary. */
@Command(name = "check-config", description = "Check a configuration file and print every error.")
final class CheckConfigCommand implements Callable<Integer> {

  @Parameters(
      arity = "0..1",
      paramLabel = "FILE",
      description = "Configuration file (default: ${DEFAULT-VALUE}).",
      defaultValue = "config/kampung.yaml")
  Path file;

  @Override
  public Integer call() {
    try {
      KampungConfig config = ConfigLoader.load(file);
      System.out.printf(
          "%s: OK (%d villages, %d hotspots, %d policies, store %s)%n",
          file,
          config.villages().size(),
          config.hotspots().size(),
          config.policies().size(),
          config.store().type().name().toLowerCase(java.util.Locale.ROOT));
      return 0;
    } catch (ConfigException e) {
      printErrors(e);
      return ExitCodes.CONFIG;
    }
  }

  /** One line per error, file:line: field: message, and no stack trace. */
  static void printErrors(ConfigException e) {
    for (ConfigError error : e.errors()) {
      System.err.println(error);
    }
    System.err.println(e.errors().size() + " error(s) in configuration");
  }
}
