package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartkampung.core.config.RedisTopology;
import org.smartkampung.core.testing.RedisTopologies;
import org.smartkampung.core.voucher.RedeemResult;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStore;
import org.smartkampung.core.voucher.VoucherStoreContract;
import redis.clients.jedis.UnifiedJedis;

@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedisVoucherStoreTest extends VoucherStoreContract {

  private final UnifiedJedis jedis;

  RedisVoucherStoreTest(RedisTopology topology) {
    this.jedis = RedisTopologies.jedis(topology);
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
