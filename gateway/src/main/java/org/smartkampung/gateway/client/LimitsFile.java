package org.smartkampung.gateway.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.gateway.radius.AccessReply;

/**
 * What the shared session store does not hold about live sessions, by Acct-Session-Id: the
 * User-Name the gateway logged in with and the RADIUS limits. Kept in a small local file so a
 * restarted gateway sends the same User-Name and enforces the same limits.
 */
final class LimitsFile {

  /** One session's saved facts. */
  record Saved(String username, AccessReply limits) {}

  private static final Logger log = LoggerFactory.getLogger(LimitsFile.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  LimitsFile(Path file) {
    this.file = file;
  }

  Map<String, Saved> read() {
    if (!Files.exists(file)) {
      return Map.of();
    }
    try {
      return JSON.readValue(file.toFile(), new TypeReference<Map<String, Saved>>() {});
    } catch (IOException e) {
      log.warn("cannot read {}, restored sessions get no limits: {}", file, e.getMessage());
      return Map.of();
    }
  }

  void write(Map<String, Saved> limits) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), new HashMap<>(limits));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      log.warn("cannot write {}: {}", file, e.getMessage());
    }
  }
}
