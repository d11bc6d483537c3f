package org.smartkampung.core.voucher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VoucherStore} must do, redeem semantics and its atomicity under a race
 * included. Codes are fresh random codes, so backends may share state between tests.
 */
public abstract class VoucherStoreContract {

  /** Threads racing for one voucher; at most the test Redis pool size. */
  private static final int RACERS = 8;

  private static final int RACE_ROUNDS = 25;

  protected static final Instant T0 = Instant.parse("2025-03-01T12:00:00.123456789Z");

  private final VoucherCodes codes = new VoucherCodes();
  protected VoucherStore store;
  protected String village;
  private ExecutorService pool;

  protected abstract VoucherStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
    village = "desa-" + codes.next();
    pool = Executors.newFixedThreadPool(RACERS);
  }

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }

  protected Voucher voucher(Instant createdAt, int maxDevices) {
    return new Voucher(
        codes.next(),
        village,
        "batch-1",
        createdAt,
        createdAt.plus(Duration.ofDays(30)),
        1_000_000_000L,
        180,
        maxDevices,
        VoucherStatus.UNUSED,
        null,
        "");
  }

  protected Voucher stored(Voucher voucher) {
    assertThat(store.createAll(List.of(voucher))).isTrue();
    return voucher;
  }

  @Test
  void createdVouchersAreFoundAsMade() {
    Voucher a = voucher(T0, 1);
    Voucher b = voucher(T0.plusSeconds(1), 3);

    assertThat(store.createAll(List.of(a, b))).isTrue();

    assertThat(store.find(a.code())).contains(a);
    assertThat(store.find(b.code())).contains(b);
  }

  @Test
  void createAllWithOneExistingCodeStoresNoneOfTheBatch() {
    Voucher existing = stored(voucher(T0, 1));
    Voucher fresh1 = voucher(T0.plusSeconds(1), 1);
    Voucher fresh2 = voucher(T0.plusSeconds(2), 1);
    Voucher clash =
        new Voucher(
            existing.code(),
            village,
            "batch-2",
            T0.plusSeconds(3),
            T0.plusSeconds(99),
            1,
            1,
            1,
            VoucherStatus.UNUSED,
            null,
            "");

    assertThat(store.createAll(List.of(fresh1, clash, fresh2))).isFalse();

    assertThat(store.find(fresh1.code())).isEmpty();
    assertThat(store.find(fresh2.code())).isEmpty();
    assertThat(store.find(existing.code())).contains(existing);
    assertThat(store.listByVillage(village)).containsExactly(existing);
  }

  @Test
  void createAllWithADuplicateInsideTheBatchStoresNone() {
    Voucher a = voucher(T0, 1);

    assertThat(store.createAll(List.of(a, a))).isFalse();

    assertThat(store.find(a.code())).isEmpty();
  }

  @Test
  void firstRedeemBindsTheDeviceAndMarksInUse() {
    Voucher v = stored(voucher(T0, 1));
    Instant now = T0.plusSeconds(60);

    assertThat(store.redeem(village, v.code(), "aa:bb:cc:00:00:01", now))
        .isEqualTo(RedeemResult.REDEEMED);

    Voucher after = store.find(v.code()).orElseThrow();
    assertThat(after.status()).isEqualTo(VoucherStatus.IN_USE);
    assertThat(after.firstUsedAt()).isEqualTo(now);
    assertThat(after.devices()).isEqualTo("aa:bb:cc:00:00:01");
  }

  @Test
  void sameDeviceAgainIsAlreadyYoursAndKeepsFirstUse() {
    Voucher v = stored(voucher(T0, 1));
    store.redeem(village, v.code(), "hp-siti", T0.plusSeconds(60));

    assertThat(store.redeem(village, v.code(), "hp-siti", T0.plusSeconds(120)))
        .isEqualTo(RedeemResult.ALREADY_YOURS);
    assertThat(store.find(v.code()).orElseThrow().firstUsedAt()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void singleUseVoucherRefusesASecondDevice() {
    Voucher v = stored(voucher(T0, 1));
    store.redeem(village, v.code(), "hp-siti", T0.plusSeconds(60));

    assertThat(store.redeem(village, v.code(), "hp-budi", T0.plusSeconds(61)))
        .isEqualTo(RedeemResult.USED);
    assertThat(store.find(v.code()).orElseThrow().devices()).isEqualTo("hp-siti");
  }

  @Test
  void multiDeviceVoucherAcceptsUpToMaxDevicesInOrderAndKeepsFirstUse() {
    Voucher v = stored(voucher(T0, 2));

    assertThat(store.redeem(village, v.code(), "hp-1", T0.plusSeconds(1)))
        .isEqualTo(RedeemResult.REDEEMED);
    assertThat(store.redeem(village, v.code(), "hp-2", T0.plusSeconds(2)))
        .isEqualTo(RedeemResult.REDEEMED);
    assertThat(store.redeem(village, v.code(), "hp-3", T0.plusSeconds(3)))
        .isEqualTo(RedeemResult.USED);
    assertThat(store.redeem(village, v.code(), "hp-2", T0.plusSeconds(4)))
        .isEqualTo(RedeemResult.ALREADY_YOURS);

    Voucher after = store.find(v.code()).orElseThrow();
    assertThat(after.devices()).isEqualTo("hp-1,hp-2");
    assertThat(after.firstUsedAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void unknownCodeOrWrongVillageIsUnknown() {
    Voucher v = stored(voucher(T0, 1));

    assertThat(store.redeem(village, codes.next(), "hp", T0)).isEqualTo(RedeemResult.UNKNOWN);
    assertThat(store.redeem("desa-lain", v.code(), "hp", T0)).isEqualTo(RedeemResult.UNKNOWN);
    assertThat(store.find(v.code()).orElseThrow().status()).isEqualTo(VoucherStatus.UNUSED);
  }

  @Test
  void redeemAtOrAfterExpiryIsExpiredAndOneNanosecondBeforeIsNot() {
    Voucher late = stored(voucher(T0, 1));
    Voucher edge = stored(voucher(T0, 1));

    assertThat(store.redeem(village, late.code(), "hp", late.expiresAt()))
        .isEqualTo(RedeemResult.EXPIRED);
    assertThat(store.redeem(village, late.code(), "hp", late.expiresAt().plusSeconds(1)))
        .isEqualTo(RedeemResult.EXPIRED);
    assertThat(store.redeem(village, edge.code(), "hp", edge.expiresAt().minusNanos(1)))
        .isEqualTo(RedeemResult.REDEEMED);
  }

  @Test
  void expiredVoucherIsExpiredEvenForTheDeviceHoldingIt() {
    Voucher v = stored(voucher(T0, 1));
    store.redeem(village, v.code(), "hp", T0.plusSeconds(1));

    assertThat(store.redeem(village, v.code(), "hp", v.expiresAt()))
        .isEqualTo(RedeemResult.EXPIRED);
  }

  @Test
  void revokedVoucherIsRevokedEvenAfterExpiry() {
    Voucher v = stored(voucher(T0, 1));

    assertThat(store.revoke(v.code())).isTrue();

    assertThat(store.redeem(village, v.code(), "hp", T0.plusSeconds(1)))
        .isEqualTo(RedeemResult.REVOKED);
    assertThat(store.redeem(village, v.code(), "hp", v.expiresAt().plusSeconds(1)))
        .isEqualTo(RedeemResult.REVOKED);
    assertThat(store.find(v.code()).orElseThrow().status()).isEqualTo(VoucherStatus.REVOKED);
  }

  @Test
  void revokeOfUnknownCodeIsFalse() {
    assertThat(store.revoke(codes.next())).isFalse();
  }

  @Test
  void markUsedEndsTheVoucherEvenForItsDevice() {
    Voucher v = stored(voucher(T0, 2));
    store.redeem(village, v.code(), "hp", T0.plusSeconds(1));

    assertThat(store.markUsed(v.code())).isTrue();

    assertThat(store.find(v.code()).orElseThrow().status()).isEqualTo(VoucherStatus.USED);
    assertThat(store.redeem(village, v.code(), "hp", T0.plusSeconds(2)))
        .isEqualTo(RedeemResult.USED);
    assertThat(store.redeem(village, v.code(), "hp-lain", T0.plusSeconds(2)))
        .isEqualTo(RedeemResult.USED);
  }

  @Test
  void markUsedLeavesARevokedVoucherRevokedAndIsFalseForUnknown() {
    Voucher v = stored(voucher(T0, 1));
    store.revoke(v.code());

    assertThat(store.markUsed(v.code())).isFalse();
    assertThat(store.markUsed(codes.next())).isFalse();

    assertThat(store.find(v.code()).orElseThrow().status()).isEqualTo(VoucherStatus.REVOKED);
  }

  @Test
  void listByVillageIsNewestFirstAndHoldsOnlyThatVillage() {
    Voucher old = voucher(T0, 1);
    Voucher middle = voucher(T0.plusSeconds(10), 1);
    Voucher newest = voucher(T0.plusSeconds(20), 1);
    Voucher elsewhere =
        new Voucher(
            codes.next(),
            "desa-lain-" + village,
            "b",
            T0.plusSeconds(30),
            T0.plusSeconds(999),
            1,
            1,
            1,
            VoucherStatus.UNUSED,
            null,
            "");
    store.createAll(List.of(middle, old));
    store.createAll(List.of(newest, elsewhere));

    assertThat(store.listByVillage(village)).containsExactly(newest, middle, old);
  }

  @Test
  void racingDevicesGetASingleUseVoucherExactlyOnce() throws Exception {
    for (int round = 0; round < RACE_ROUNDS; round++) {
      Voucher v = stored(voucher(T0, 1));

      List<RedeemResult> results = race(v);

      assertThat(results).filteredOn(r -> r == RedeemResult.REDEEMED).hasSize(1);
      assertThat(results).filteredOn(r -> r == RedeemResult.USED).hasSize(RACERS - 1);
      assertThat(store.find(v.code()).orElseThrow().devices()).doesNotContain(",");
    }
  }

  @Test
  void racingDevicesFillAMultiDeviceVoucherExactlyToItsLimit() throws Exception {
    for (int round = 0; round < RACE_ROUNDS; round++) {
      Voucher v = stored(voucher(T0, 3));

      List<RedeemResult> results = race(v);

      assertThat(results).filteredOn(r -> r == RedeemResult.REDEEMED).hasSize(3);
      assertThat(store.find(v.code()).orElseThrow().devices().split(",")).hasSize(3);
    }
  }

  /** Every racer waits at the gate, then all redeem the code at once from their own device. */
  private List<RedeemResult> race(Voucher v) throws Exception {
    CountDownLatch ready = new CountDownLatch(RACERS);
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<RedeemResult>> futures = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      String device = "hp-" + i;
      futures.add(
          pool.submit(
              () -> {
                ready.countDown();
                gate.await();
                return store.redeem(village, v.code(), device, T0.plusSeconds(5));
              }));
    }
    assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
    gate.countDown();
    List<RedeemResult> results = new ArrayList<>();
    for (Future<RedeemResult> future : futures) {
      results.add(future.get(10, TimeUnit.SECONDS));
    }
    return results;
  }
}
