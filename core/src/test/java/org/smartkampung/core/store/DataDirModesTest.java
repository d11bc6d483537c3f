package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.admin.AdminAccount;
import org.smartkampung.core.admin.AdminRole;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.quota.SessionKey;
import org.smartkampung.core.subscriber.PasswordHasher;

/** The data directory holds secrets and password hashes: only the service's user reads it. */
class DataDirModesTest {

  @TempDir Path parent;

  @Test
  void theDataDirectoryIs0700AndEveryFileInIt0600() throws Exception {
    Path dir = parent.resolve("data");
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    // Left world-readable by an older version or an operator's copy.
    Path old = Files.writeString(dir.resolve("admins.jsonl"), "");
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
    String hash = new PasswordHasher(1000).hash("rahasia");
    KampungConfig config =
        ConfigLoader.load(
            "test.yaml",
            """
            regency: {id: banyuwangi, name: Kabupaten Banyuwangi}
            store: {type: embedded, data-dir: %s}
            policies:
              - {id: standar, user-daily-mb: 1}
            villages:
              - {id: kemiren, name: Kemiren, kecamatan: Glagah, policy: standar}
            subscribers:
              - {username: warga, village: kemiren, password-hash: "%s"}
            """
                .formatted(dir, hash),
            Map.of());

    try (KampungStores stores =
            StoreFactory.open(
                config,
                new ConfigLimitsSource(config),
                Clock.systemUTC(),
                new SimpleMeterRegistry());
        AdminStores admin = AdminStoreFactory.embedded(dir)) {
      stores.ledger().charge(new SessionKey("kemiren", "warga", "aa:bb", "s1"), 1_000, 0, 0);
      admin
          .admins()
          .create(
              new AdminAccount(
                  "admin", AdminRole.KABUPATEN, null, hash, Instant.now(), Instant.now()));
    }

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    assertThat(files).extracting(p -> p.getFileName().toString()).contains("admins.jsonl");
    assertThat(files.size()).isGreaterThan(3);
    for (Path file : files) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .as(file.toString())
          .isEqualTo("rw-------");
    }
  }
}
