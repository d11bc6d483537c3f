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
 * The RADIUS limits of live sessions by Acct-Session-Id, kept in a small file so a restarted
 * gateway enforces the same limits (the shared session store holds everything else).
 */
final class LimitsFile {

  private static final Logger log = LoggerFactory.getLogger(LimitsFile.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  LimitsFile(Path file) {
    this.file = file;
  }

  Map<String, AccessReply> read() {
    if (!Files.exists(file)) {
      return Map.of();
    }
    try {
      return JSON.readValue(file.toFile(), new TypeReference<Map<String, AccessReply>>() {});
    } catch (IOException e) {
      log.warn("cannot read {}, restored sessions get no limits: {}", file, e.getMessage());
      return Map.of();
    }
  }

  void write(Map<String, AccessReply> limits) {
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
