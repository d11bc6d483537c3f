package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.testing.RedisTestServer;
import org.smartkampung.core.voucher.RedeemResult;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStore;
import org.smartkampung.core.voucher.VoucherStoreContract;
import redis.clients.jedis.UnifiedJedis;

class RedisVoucherStoreTest extends VoucherStoreContract {

  private static UnifiedJedis jedis;

  @BeforeAll
  static void connect() {
    jedis = RedisConnector.connect(RedisTestServer.settings());
  }

  @AfterAll
  static void disconnect() {
    if (jedis != null) {
      jedis.close();
    }
  }

  @Override
  protected VoucherStore newStore() {
    return new RedisVoucherStore(jedis);
  }

  @Test
  void redeemStillWorksAfterRedisForgetsItsScripts() {
    Voucher v = stored(voucher(T0, 2));
    store.redeem(village, v.code(), "hp-1", T0.plusSeconds(1));

    jedis.scriptFlush(RedisVoucherStore.key(v.code()));

    assertThat(store.redeem(village, v.code(), "hp-2", T0.plusSeconds(2)))
        .isEqualTo(RedeemResult.REDEEMED);
  }
}
