package org.smartkampung.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.store.AdminStoreFactory;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.subscriber.PasswordHasher;

class FirstOperatorTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  static final PasswordHasher HASHER = new PasswordHasher(1_000);

  @TempDir Path dataDir;

  @Test
  void passwordFromTheEnvironmentIsUsedAndNothingIsPrinted() {
    try (AdminStores stores = AdminStoreFactory.embedded(dataDir)) {
      assertThat(FirstOperator.ensure(stores.admins(), "rahasia-kabupaten", HASHER, CLOCK))
          .isEmpty();

      AdminAccount admin = stores.admins().find("admin").orElseThrow();
      assertThat(admin.role()).isEqualTo(AdminRole.KABUPATEN);
      assertThat(PasswordHasher.verify("rahasia-kabupaten", admin.passwordHash())).isTrue();
    }
  }

  @Test
  void withoutTheEnvironmentARandomPasswordIsGeneratedOnceAndNotOnTheNextStart() {
    try (AdminStores stores = AdminStoreFactory.embedded(dataDir)) {
      Optional<String> printed = FirstOperator.ensure(stores.admins(), null, HASHER, CLOCK);

      assertThat(printed).hasValueSatisfying(p -> assertThat(p).hasSize(16));
      assertThat(
              PasswordHasher.verify(
                  printed.orElseThrow(),
                  stores.admins().find("admin").orElseThrow().passwordHash()))
          .isTrue();
    }
    try (AdminStores stores = AdminStoreFactory.embedded(dataDir)) {
      String hashBefore = stores.admins().find("admin").orElseThrow().passwordHash();
      assertThat(FirstOperator.ensure(stores.admins(), "other", HASHER, CLOCK)).isEmpty();
      assertThat(stores.admins().find("admin").orElseThrow().passwordHash()).isEqualTo(hashBefore);
    }
  }
}
