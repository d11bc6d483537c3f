package org.smartkampung.core.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.nas.NasStateStore;
import org.smartkampung.core.redis.RedisSubscription;
import redis.clients.jedis.UnifiedJedis;

/**
 * NAS facts in Redis: {@code kampung:nas:message-authenticator-seen}, a set of NAS names. A new
 * mark is announced on the pub/sub channel {@value #SEEN_CHANNEL} in the same script, so the other
 * servers hold that NAS to its Message-Authenticator at once. Watchers are also asked to re-read
 * every {@link #DEFAULT_REREAD_EVERY} in case an announcement was lost on a connection that died
 * without saying so.
 */
public final class RedisNasStateStore implements NasStateStore, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RedisNasStateStore.class);

  static final String SEEN_KEY = "kampung:nas:message-authenticator-seen";
  static final String SEEN_CHANNEL = "kampung:nas:message-authenticator-seen:news";

  /** Add and announce in one step: no server can miss a mark that was made. */
  private static final String MARK =
      "if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then"
          + " redis.call('PUBLISH', ARGV[2], ARGV[1]) end return 1";

  /** A lost subscription is made again after this long. */
  private static final long RESUBSCRIBE_MILLIS = 1_000;

  /** How often watchers re-read, whatever the subscription says: the fallback, never the path. */
  public static final Duration DEFAULT_REREAD_EVERY = Duration.ofMinutes(1);

  private final UnifiedJedis jedis;
  private final Duration rereadEvery;
  private final List<Watch> watches = new CopyOnWriteArrayList<>();

  public RedisNasStateStore(UnifiedJedis jedis) {
    this(jedis, DEFAULT_REREAD_EVERY);
  }

  /**
   * @param rereadEvery how often watchers are asked to re-read even when no announcement came
   */
  public RedisNasStateStore(UnifiedJedis jedis, Duration rereadEvery) {
    this.jedis = jedis;
    this.rereadEvery = rereadEvery;
  }

  @Override
  public void markMessageAuthenticatorSeen(String nasName) {
    jedis.eval(MARK, List.of(SEEN_KEY), List.of(nasName, SEEN_CHANNEL));
  }

  @Override
  public boolean messageAuthenticatorSeen(String nasName) {
    return jedis.sismember(SEEN_KEY, nasName);
  }

  @Override
  public AutoCloseable watchMessageAuthenticatorSeen(Watcher watcher) {
    Watch watch = new Watch(watcher);
    watches.add(watch);
    watch.start();
    return () -> {
      watches.remove(watch);
      watch.close();
    };
  }

  /** Stops every watch; the client itself belongs to the caller. */
  @Override
  public void close() {
    watches.forEach(Watch::close);
    watches.clear();
  }

  /** The subscription and the slow re-read, each on its own thread. */
  private final class Watch {
    private final Watcher watcher;
    private final Thread rereader;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile RedisSubscription subscription;

    Watch(Watcher watcher) {
      this.watcher = watcher;
      this.rereader = new Thread(this::rereadUntilClosed, "redis-nas-state-reread");
      rereader.setDaemon(true);
    }

    void start() {
      subscription =
          new RedisSubscription(
              jedis,
              SEEN_CHANNEL,
              "nas-state-watch",
              RESUBSCRIBE_MILLIS,
              watcher::missedSome,
              watcher::seen);
      rereader.start();
    }

    private void rereadUntilClosed() {
      try {
        while (!closed.await(rereadEvery.toMillis(), TimeUnit.MILLISECONDS)) {
          try {
            watcher.missedSome();
          } catch (RuntimeException e) {
            log.warn("NAS state re-read failed: {}", e.toString());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void close() {
      closed.countDown();
      if (subscription != null) {
        subscription.close();
      }
    }
  }
}
