package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStatus;
import org.smartkampung.core.voucher.VoucherStore;
import org.smartkampung.core.voucher.VoucherStoreContract;

class EmbeddedVoucherStoreTest extends VoucherStoreContract {

  @TempDir Path dataDir;
  private EmbeddedVoucherStore opened;

  @Override
  protected VoucherStore newStore() {
    opened = new EmbeddedVoucherStore(dataDir);
    return opened;
  }

  @AfterEach
  void closeStore() {
    opened.close();
  }

  @Test
  void redeemsRevocationsAndBatchesSurviveReopeningTheDataDirectory() {
    Voucher redeemed = voucher(T0, 2);
    Voucher revoked = voucher(T0.plusSeconds(1), 1);
    Voucher untouched = voucher(T0.plusSeconds(2), 1);
    store.createAll(List.of(redeemed, revoked, untouched));
    store.redeem(village, redeemed.code(), "hp-1", T0.plusSeconds(10));
    store.revoke(revoked.code());
    opened.close();

    opened = new EmbeddedVoucherStore(dataDir);

    Voucher after = opened.find(redeemed.code()).orElseThrow();
    assertThat(after.status()).isEqualTo(VoucherStatus.IN_USE);
    assertThat(after.devices()).isEqualTo("hp-1");
    assertThat(after.firstUsedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(opened.find(revoked.code()).orElseThrow().status()).isEqualTo(VoucherStatus.REVOKED);
    assertThat(opened.find(untouched.code())).contains(untouched);
  }
}
