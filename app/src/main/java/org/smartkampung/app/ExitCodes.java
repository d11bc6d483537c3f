package org.smartkampung.app;

/** Exit codes of the {@code kampung} command, for scripts and systemd. */
final class ExitCodes {
  static final int USAGE = 2;

  /** The configuration file has errors; they were printed one per line. */
  static final int CONFIG = 3;

  /** A store or port needed at start could not be had (Redis down, port taken). */
  static final int UNAVAILABLE = 4;

  private ExitCodes() {}
}
