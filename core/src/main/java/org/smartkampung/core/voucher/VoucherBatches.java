package org.smartkampung.core.voucher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Makes batches of vouchers: the one service behind the console, the admin API and {@code kampung
 * voucher create}. Thread-safe.
 */
public final class VoucherBatches {

  private static final long BYTES_PER_MB = 1_000_000L;
  private static final int ATTEMPTS = 3;

  private final VoucherStore store;
  private final VoucherCodes codes;
  private final Clock clock;

  public VoucherBatches(VoucherStore store, VoucherCodes codes, Clock clock) {
    this.store = store;
    this.codes = codes;
    this.clock = clock;
  }

  /**
   * Stores a new batch and returns its vouchers.
   *
   * @throws IllegalArgumentException when {@link VoucherBatch#problems()} is not empty
   * @throws IllegalStateException when fresh codes collided every time (practically never)
   */
  public List<Voucher> create(VoucherBatch batch) {
    if (!batch.problems().isEmpty()) {
      throw new IllegalArgumentException("invalid voucher batch: " + batch.problems());
    }
    Instant now = clock.instant();
    String batchId = now.getEpochSecond() + "-" + UUID.randomUUID().toString().substring(0, 8);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      List<Voucher> vouchers = new ArrayList<>(batch.count());
      for (int i = 0; i < batch.count(); i++) {
        vouchers.add(
            new Voucher(
                codes.next(),
                batch.villageId(),
                batchId,
                now,
                now.plus(Duration.ofDays(batch.validityDays())),
                batch.megabytes() == 0 ? Long.MAX_VALUE : batch.megabytes() * BYTES_PER_MB,
                batch.minutes(),
                batch.maxDevices(),
                VoucherStatus.UNUSED,
                null,
                ""));
      }
      // A collision (or a duplicate within the batch) stores nothing; draw again.
      if (store.createAll(vouchers)) {
        return vouchers;
      }
    }
    throw new IllegalStateException("voucher codes collided " + ATTEMPTS + " times");
  }
}
