package org.smartkampung.gateway.firewall;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a system command ({@code nft}, {@code tc}, {@code ip}) with text on its standard input and
 * returns what it printed. An optional prefix (e.g. {@code ip netns exec gw}) runs every command
 * inside a network namespace; the gateway itself runs with an empty prefix.
 */
public final class CommandRunner {

  /** What a command printed and how it ended. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** A one-line description for logs: the command and its error output. */
    public String describe() {
      return String.join(" ", command) + " exited " + exitCode + ": " + stderr.strip();
    }
  }

  private static final long TIMEOUT_SECONDS = 15;

  private final List<String> prefix;

  public CommandRunner(List<String> prefix) {
    this.prefix = List.copyOf(prefix);
  }

  /** Runs commands on this host, in the gateway's own namespace. */
  public static CommandRunner local() {
    return new CommandRunner(List.of());
  }

  /** Runs {@code command} feeding {@code stdin}; never throws for a failing command. */
  public Result run(List<String> command, String stdin) {
    List<String> full = new ArrayList<>(prefix);
    full.addAll(command);
    Process process;
    try {
      process = new ProcessBuilder(full).start();
    } catch (IOException e) {
      return new Result(full, 127, "", "cannot start: " + e.getMessage());
    }
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The command may exit before reading its input; its exit code says what happened.
    }
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(full, 124, "", "timed out after " + TIMEOUT_SECONDS + " s");
      }
      return new Result(full, process.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return new Result(full, 130, "", "interrupted");
    }
  }

  public Result run(List<String> command) {
    return run(command, "");
  }

  /** Reads a stream to its end on a thread of its own (not a shared pool: reads block). */
  private static CompletableFuture<String> drain(InputStream stream) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                text.complete("");
              }
            },
            "command-output");
    reader.setDaemon(true);
    reader.start();
    return text;
  }
}
