package org.smartkampung.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.store.RedisConnector;
import org.smartkampung.core.testing.RedisTestServer;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

class RedisBatcherTest {

  private static UnifiedJedis jedis;

  @BeforeAll
  static void connect() {
    jedis = RedisConnector.connect(RedisTestServer.settings());
  }

  @AfterAll
  static void disconnect() {
    jedis.close();
  }

  @Test
  void commandsFromManyThreadsAllCompleteWithTheirOwnReplies() throws Exception {
    String key = "batcher-test:" + UUID.randomUUID();
    try (RedisBatcher batcher = new RedisBatcher(jedis, "test")) {
      ExecutorService callers = Executors.newFixedThreadPool(8);
      List<CompletableFuture<Long>> replies = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        replies.add(
            CompletableFuture.supplyAsync(() -> batcher.submit(p -> p.incr(key)), callers)
                .thenCompose(f -> f));
      }
      List<Long> values = new ArrayList<>();
      for (CompletableFuture<Long> reply : replies) {
        values.add(reply.get(10, TimeUnit.SECONDS));
      }
      callers.shutdown();
      // Every increment happened once, and each caller got its own result back.
      assertThat(values).doesNotHaveDuplicates().hasSize(2_000);
      assertThat(jedis.get(key)).isEqualTo("2000");
    }
  }

  @Test
  void commandsQueuedByOneThreadRunInOrder() throws Exception {
    String key = "batcher-test:" + UUID.randomUUID();
    try (RedisBatcher batcher = new RedisBatcher(jedis, "test")) {
      List<CompletableFuture<Long>> pushed = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        String value = Integer.toString(i);
        pushed.add(batcher.submit(p -> p.rpush(key, value)));
      }
      pushed.get(499).get(10, TimeUnit.SECONDS);
      List<String> list = jedis.lrange(key, 0, -1);
      assertThat(list).hasSize(500);
      for (int i = 0; i < 500; i++) {
        assertThat(list.get(i)).isEqualTo(Integer.toString(i));
      }
    }
  }

  @Test
  void aRedisErrorFailsOnlyItsOwnCommand() throws Exception {
    String text = "batcher-test:" + UUID.randomUUID();
    String counter = "batcher-test:" + UUID.randomUUID();
    jedis.set(text, "not a number");
    try (RedisBatcher batcher = new RedisBatcher(jedis, "test")) {
      CompletableFuture<Long> bad = batcher.submit(p -> p.incr(text));
      CompletableFuture<Long> good = batcher.submit(p -> p.incr(counter));
      assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
      assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(JedisDataException.class);
    }
  }

  @Test
  void anUnreachableRedisFailsTheCommandsInsteadOfHangingThem() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (UnifiedJedis dead =
            RedisClient.builder()
                .hostAndPort(new HostAndPort("127.0.0.1", port))
                .clientConfig(
                    DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(300)
                        .socketTimeoutMillis(300)
                        .build())
                .build();
        RedisBatcher batcher = new RedisBatcher(dead, "test")) {
      CompletableFuture<String> reply = batcher.submit(p -> p.get("anything"));
      assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
    }
  }

  @Test
  void aClosedBatcherRefusesNewCommandsAtOnce() {
    RedisBatcher batcher = new RedisBatcher(jedis, "test");
    batcher.close();
    assertThat(batcher.submit(p -> p.get("anything")))
        .failsWithin(1, TimeUnit.SECONDS)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(IllegalStateException.class);
  }
}
