package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.quota.StoreUnavailableException;
import redis.clients.jedis.exceptions.JedisConnectionException;

class StoreOutagesTest {

  @Test
  void redisDiskAndStoreUnavailableFailuresAreOutages() {
    assertThat(StoreOutages.isOutage(new JedisConnectionException("refused"))).isTrue();
    assertThat(StoreOutages.isOutage(new UncheckedIOException(new IOException("disk full"))))
        .isTrue();
    assertThat(StoreOutages.isOutage(new StoreUnavailableException("timeout"))).isTrue();
    assertThat(
            StoreOutages.isOutage(
                new IllegalStateException("wrapped", new JedisConnectionException("reset"))))
        .isTrue();
  }

  @Test
  void bugsAreNotOutages() {
    assertThat(StoreOutages.isOutage(new NullPointerException())).isFalse();
    assertThat(StoreOutages.isOutage(new IllegalArgumentException("bad id"))).isFalse();
  }
}
