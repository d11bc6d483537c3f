package org.smartkampung.core.voucher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.store.EmbeddedVoucherStore;

class VoucherBatchesTest {

  static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

  @TempDir Path dataDir;

  @Test
  void batchIsStoredWithTheRequestedLimitsAndWellFormedCodes() {
    try (EmbeddedVoucherStore store = new EmbeddedVoucherStore(dataDir)) {
      VoucherBatches batches =
          new VoucherBatches(store, new VoucherCodes(), Clock.fixed(T0, ZoneOffset.UTC));

      List<Voucher> made = batches.create(new VoucherBatch("kemiren", 5, 7, 500, 120, 2));

      assertThat(made).hasSize(5);
      assertThat(store.listByVillage("kemiren")).hasSize(5);
      assertThat(made)
          .allSatisfy(
              v -> {
                assertThat(VoucherCodes.isWellFormed(v.code())).isTrue();
                assertThat(v.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
                assertThat(v.bytesLimit()).isEqualTo(500_000_000L);
                assertThat(v.minutesLimit()).isEqualTo(120);
                assertThat(v.maxDevices()).isEqualTo(2);
                assertThat(v.status()).isEqualTo(VoucherStatus.UNUSED);
              });
      assertThat(made).extracting(Voucher::batchId).containsOnly(made.get(0).batchId());
    }
  }

  @Test
  void zeroMegabytesMeansNoByteLimit() {
    try (EmbeddedVoucherStore store = new EmbeddedVoucherStore(dataDir)) {
      VoucherBatches batches =
          new VoucherBatches(store, new VoucherCodes(), Clock.fixed(T0, ZoneOffset.UTC));

      assertThat(batches.create(new VoucherBatch("kemiren", 1, 1, 0, 0, 1)).get(0).bytesLimit())
          .isEqualTo(Long.MAX_VALUE);
    }
  }

  @Test
  void absurdRequestsAreRefusedPerFieldAndStoreNothing() {
    VoucherBatch absurd = new VoucherBatch("kemiren", 0, 0, -5, -1, 50);

    assertThat(absurd.problems())
        .containsOnlyKeys("count", "validityDays", "megabytes", "minutes", "maxDevices");
    try (EmbeddedVoucherStore store = new EmbeddedVoucherStore(dataDir)) {
      VoucherBatches batches =
          new VoucherBatches(store, new VoucherCodes(), Clock.fixed(T0, ZoneOffset.UTC));
      assertThatThrownBy(() -> batches.create(absurd)).isInstanceOf(IllegalArgumentException.class);
      assertThat(store.listByVillage("kemiren")).isEmpty();
    }
  }
}
