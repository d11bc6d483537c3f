package org.smartkampung.core.redis;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * One Redis pub/sub channel followed on a daemon thread of its own, subscribed again after a pause
 * whenever its connection is lost (warned once per outage, not once per attempt). {@code
 * onSubscribed} runs each time the subscription is (re)made: whatever was published while it was
 * down is lost, so listeners re-read then.
 */
public final class RedisSubscription implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RedisSubscription.class);

  private final UnifiedJedis jedis;
  private final String channel;
  private final String what;
  private final long resubscribeMillis;
  private final Runnable onSubscribed;
  private final Consumer<String> onMessage;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread thread;
  private volatile JedisPubSub subscription;

  /**
   * Starts following the channel.
   *
   * @param what names the subscription in the thread name and the warning
   * @param resubscribeMillis pause before a lost subscription is made again
   * @param onSubscribed runs on the subscription's thread each time it is made
   * @param onMessage gets each message, on the subscription's thread
   */
  public RedisSubscription(
      UnifiedJedis jedis,
      String channel,
      String what,
      long resubscribeMillis,
      Runnable onSubscribed,
      Consumer<String> onMessage) {
    this.jedis = jedis;
    this.channel = channel;
    this.what = what;
    this.resubscribeMillis = resubscribeMillis;
    this.onSubscribed = onSubscribed;
    this.onMessage = onMessage;
    this.thread = new Thread(this::run, "redis-" + what);
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether the subscription is made at this moment. */
  public boolean subscribed() {
    JedisPubSub sub = subscription;
    return sub != null && sub.isSubscribed();
  }

  private void run() {
    boolean warned = false;
    while (closed.getCount() > 0) {
      JedisPubSub sub =
          new JedisPubSub() {
            @Override
            public void onSubscribe(String ch, int subscribedChannels) {
              onSubscribed.run();
            }

            @Override
            public void onMessage(String ch, String message) {
              RedisSubscription.this.onMessage.accept(message);
            }
          };
      subscription = sub;
      try {
        jedis.subscribe(sub, channel);
        warned = false;
      } catch (RuntimeException e) {
        if (closed.getCount() == 0) {
          return;
        }
        if (!warned) {
          log.warn("Redis subscription {} lost, making it again: {}", what, e.toString());
          warned = true;
        }
      }
      try {
        closed.await(resubscribeMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops following the channel; the client belongs to the caller. */
  @Override
  public void close() {
    closed.countDown();
    JedisPubSub sub = subscription;
    if (sub != null) {
      try {
        sub.unsubscribe();
      } catch (RuntimeException notSubscribedYet) {
        // the thread sees the latch at its next turn
      }
    }
  }
}
