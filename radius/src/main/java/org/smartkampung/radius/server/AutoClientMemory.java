package org.smartkampung.radius.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.nas.NasStateStore;

/**
 * Which {@code auto} clients have sent a Message-Authenticator and are therefore held to it. Read
 * from the {@link NasStateStore} at start-up; answered from memory on the event loop; a new
 * sighting is written back to the store off the event loop, so it survives a restart, and the store
 * announces it to every other server sharing it, which holds that client to it at once (otherwise
 * the BlastRADIUS hole would stay open on the servers that had not seen it themselves).
 */
final class AutoClientMemory {

  private static final Logger log = LoggerFactory.getLogger(AutoClientMemory.class);

  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final NasStateStore store;
  private final Executor writer;
  private final AutoCloseable watch;
  private volatile List<NasClient> clients;

  AutoClientMemory(Iterable<NasClient> clients, NasStateStore store, Executor writer) {
    this.store = store;
    this.writer = writer;
    load(clients);
    this.watch =
        store.watchMessageAuthenticatorSeen(
            new NasStateStore.Watcher() {
              @Override
              public void seen(String nasName) {
                if (AutoClientMemory.this.seen.add(nasName)) {
                  log.info(
                      "NAS {} sent a Message-Authenticator to another server; it is required here"
                          + " too",
                      nasName);
                }
              }

              @Override
              public void missedSome() {
                reload();
              }
            });
  }

  /**
   * Reads the remembered sightings of {@code clients} (called again when clients are added while
   * running, so a re-added {@code auto} client is still held to what it sent before).
   */
  void load(Iterable<NasClient> clients) {
    List<NasClient> copy = new ArrayList<>();
    clients.forEach(copy::add);
    this.clients = copy;
    for (NasClient client : copy) {
      if (client.requireMessageAuthenticator() == MessageAuthenticatorPolicy.AUTO
          && store.messageAuthenticatorSeen(client.name())) {
        seen.add(client.name());
      }
    }
  }

  private void reload() {
    try {
      load(clients);
    } catch (RuntimeException e) {
      log.warn("could not re-read which NAS send a Message-Authenticator: {}", e.toString());
    }
  }

  /** Stops hearing of other servers' sightings. */
  void close() {
    try {
      watch.close();
    } catch (Exception e) {
      log.debug("closing the NAS state watch", e);
    }
  }

  boolean seen(String nasName) {
    return seen.contains(nasName);
  }

  void markSeen(String nasName) {
    if (seen.add(nasName)) {
      log.info("NAS {} sent a Message-Authenticator; it is required from now on", nasName);
      writer.execute(
          () -> {
            try {
              store.markMessageAuthenticatorSeen(nasName);
            } catch (RuntimeException e) {
              log.warn("could not remember Message-Authenticator for NAS {}", nasName, e);
            }
          });
    }
  }
}
