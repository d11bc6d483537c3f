package org.smartkampung.radius.server;

import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.nas.MessageAuthenticatorPolicy;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.nas.NasStateStore;

/**
 * The NAS clients in force, replaced whole when the configuration changes (a kabupaten operator
 * adds, edits or removes a hotspot in the console). The event loop reads one volatile reference to
 * an immutable {@link ClientTable}, so the hot path takes no lock and allocates nothing; a rebuild
 * happens on the thread that reports the change.
 *
 * <p>A list with an address that is not an IP or CIDR keeps the previous table in force (the
 * console validates addresses, so this only guards against a store edited by hand).
 */
public final class LiveClients {

  private static final Logger log = LoggerFactory.getLogger(LiveClients.class);

  private final AutoClientMemory autoClients;
  private volatile ClientTable table;

  /**
   * @param initial the clients at start-up
   * @param nasState where {@code auto} clients' Message-Authenticator sightings are remembered
   * @param writer runs store writes off the event loop
   * @throws IllegalArgumentException when an initial address is not an IP or CIDR
   */
  public LiveClients(List<NasClient> initial, NasStateStore nasState, Executor writer) {
    this.table = new ClientTable(initial);
    this.autoClients = new AutoClientMemory(initial, nasState, writer);
  }

  /** The clients in force now. */
  public ClientTable table() {
    return table;
  }

  AutoClientMemory autoClients() {
    return autoClients;
  }

  /** Puts {@code clients} in force if they differ from those in force. */
  public synchronized void update(List<NasClient> clients) {
    if (clients.equals(table.clientsInOrder())) {
      return;
    }
    ClientTable next;
    try {
      next = new ClientTable(clients);
    } catch (IllegalArgumentException e) {
      log.warn("Keeping the previous NAS clients: {}", e.getMessage());
      return;
    }
    autoClients.load(clients);
    for (NasClient client : clients) {
      if (client.requireMessageAuthenticator() == MessageAuthenticatorPolicy.NO
          && !table.clientsInOrder().contains(client)) {
        log.warn(
            "hotspot {} does not require Message-Authenticator: its Access-Requests are open to"
                + " BlastRADIUS (CVE-2024-3596) forgery",
            client.name());
      }
    }
    table = next;
    log.info("NAS clients changed, {} in force", clients.size());
  }
}
