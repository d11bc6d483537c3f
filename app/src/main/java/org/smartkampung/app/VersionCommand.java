package org.smartkampung.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code kampung version}: prints the version of this build. */
@Command(name = "version", description = "Print the version.")
final class VersionCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.out.println("kampung " + version());
    return 0;
  }

  static String version() {
    String v = KampungCli.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"kampung " + version()};
    }
  }
}
