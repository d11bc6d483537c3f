package org.smartkampung.core.store;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.invalidation.Invalidations;
import org.smartkampung.core.redis.RedisSubscription;
import redis.clients.jedis.UnifiedJedis;

/**
 * Invalidation notices on the Redis pub/sub channel {@code <prefix>invalidate}: a message {@code
 * <origin> <TOPIC> <key>}, where origin names the bus that sent it so it ignores its own. One
 * subscription on its own thread serves every listener and is made again when its connection is
 * lost (listeners then hear {@code missedSome}). A notice lost with a connection that died without
 * saying so is caught by the listeners' own slow polls.
 */
public final class RedisInvalidations implements Invalidations {

  private static final Logger log = LoggerFactory.getLogger(RedisInvalidations.class);

  /** A lost subscription is made again after this long. */
  private static final long RESUBSCRIBE_MILLIS = 500;

  private final UnifiedJedis jedis;
  private final String channel;
  private final String origin = UUID.randomUUID().toString();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private RedisSubscription subscription;
  private volatile boolean warnedPublish;

  /**
   * @param prefix of the channel, {@code kampung:} in production
   */
  public RedisInvalidations(UnifiedJedis jedis, String prefix) {
    this.jedis = jedis;
    this.channel = prefix + "invalidate";
  }

  @Override
  public void publish(Topic topic, String key) {
    try {
      jedis.publish(channel, origin + " " + topic.name() + " " + key);
      warnedPublish = false;
    } catch (RuntimeException e) {
      // The edit is saved; the other processes' slow polls will find it.
      if (!warnedPublish) {
        log.warn("Cannot announce a {} edit to the other servers: {}", topic, e.toString());
        warnedPublish = true;
      }
    }
  }

  @Override
  public synchronized AutoCloseable listen(Listener listener) {
    listeners.add(listener);
    if (subscription == null) {
      subscription =
          new RedisSubscription(
              jedis,
              channel,
              "invalidations",
              RESUBSCRIBE_MILLIS,
              () -> listeners.forEach(RedisInvalidations::missedSome),
              this::deliver);
    } else if (subscription.subscribed()) {
      listener.missedSome();
    }
    return () -> listeners.remove(listener);
  }

  private void deliver(String message) {
    String[] parts = message.split(" ", 3);
    if (parts.length < 3 || parts[0].equals(origin)) {
      return;
    }
    Topic topic;
    try {
      topic = Topic.valueOf(parts[1]);
    } catch (IllegalArgumentException newerVersion) {
      return;
    }
    for (Listener l : listeners) {
      try {
        l.changed(topic, parts[2]);
      } catch (RuntimeException e) {
        log.warn("Invalidation listener failed on {} {}: {}", topic, parts[2], e.toString());
      }
    }
  }

  private static void missedSome(Listener l) {
    try {
      l.missedSome();
    } catch (RuntimeException e) {
      log.warn("Invalidation listener failed on a re-read: {}", e.toString());
    }
  }

  /** Stops the subscription; the client belongs to the caller. */
  @Override
  public synchronized void close() {
    listeners.clear();
    if (subscription != null) {
      subscription.close();
    }
  }
}
