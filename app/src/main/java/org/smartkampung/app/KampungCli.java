package org.smartkampung.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kampung} command: one executable jar for every role. */
@Command(
    name = "kampung",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Smart Kampung Gateway: captive portal, RADIUS server and hotspot gateway.",
    subcommands = {
      RunCommand.class,
      CheckConfigCommand.class,
      HashPasswordCommand.class,
      VoucherCommand.class,
      PkiCommand.class,
      VersionCommand.class
    })
public final class KampungCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
  public static int execute(String... args) {
    return new CommandLine(new KampungCli()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
