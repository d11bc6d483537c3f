package org.smartkampung.core.voucher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.quota.Limits;

class VoucherAllowanceTest {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  private static Voucher voucher(long bytes, long minutes, Instant expiresAt) {
    return new Voucher(
        "KMR7Q2X9",
        "kemiren",
        "b1",
        NOW,
        expiresAt,
        bytes,
        minutes,
        1,
        VoucherStatus.IN_USE,
        NOW,
        "d");
  }

  @Test
  void limitsAndExpiryAreInBytesAndSeconds() {
    assertThat(VoucherAllowance.of(voucher(300_000_000L, 90, NOW.plusSeconds(7200)), NOW))
        .isEqualTo(new VoucherAllowance(300_000_000L, 5400, 7200));
  }

  @Test
  void noBytesOrMinutesLimitIsUnlimitedAndAPastExpiryIsZero() {
    assertThat(VoucherAllowance.of(voucher(Long.MAX_VALUE, 0, NOW.minusSeconds(5)), NOW))
        .isEqualTo(new VoucherAllowance(Limits.UNLIMITED, Limits.UNLIMITED, 0));
  }
}
