package org.smartkampung.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.smartkampung.gateway.firewall.CommandRunner;

/** Small shell helpers for tests. */
final class CommandLine {

  private CommandLine() {}

  /** {@code cp -a src/. dst}: keeps the relative symlinks of a FreeRADIUS config tree. */
  static void copyTree(Path src, Path dst) {
    CommandRunner.Result r =
        CommandRunner.local().run(List.of("cp", "-a", src + "/.", dst.toString()));
    assertThat(r.exitCode()).as(r.describe()).isZero();
  }
}
