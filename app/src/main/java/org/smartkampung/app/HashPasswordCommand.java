package org.smartkampung.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.smartkampung.core.subscriber.PasswordHasher;
import picocli.CommandLine.Command;

/**
 * {@code kampung hash-password}: reads a password from the console (or one line of standard input)
 * and prints the salted hash to put in {@code kampung.yaml}.
 */
@Command(
    name = "hash-password",
    description = "Hash a password for a subscriber entry in kampung.yaml (reads it from stdin).")
final class HashPasswordCommand implements Callable<Integer> {

  @Override
  // Built for the JDK 17 runtime, where a null console means stdin is not a terminal.
  @SuppressWarnings("SystemConsoleNull")
  public Integer call() throws IOException {
    String password;
    if (System.console() != null) {
      char[] typed = System.console().readPassword("Password: ");
      password = typed == null ? "" : new String(typed);
    } else {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      password = line == null ? "" : line;
    }
    if (password.isEmpty()) {
      System.err.println("empty password: nothing hashed");
      return ExitCodes.USAGE;
    }
    System.out.println(new PasswordHasher().hash(password));
    return 0;
  }
}
