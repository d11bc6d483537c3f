package org.smartkampung.gateway.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.smartkampung.core.nas.Macs;

/**
 * MAC authentication of captive clients, as a MikroTik hotspot does with {@code login-by=mac}: the
 * first time the interceptor sees a client's MAC, the gateway sends an Access-Request with the MAC
 * as User-Name and User-Password (through {@link ClientTable#authorize}, so an accepted client is
 * admitted, limited and accounted exactly as after a portal login). A MAC is tried at most once per
 * {@link #RETRY_AFTER}, so a captive phone's many requests cost one RADIUS round trip; the rest are
 * redirected to the portal at once. Randomised (locally administered) MACs are never tried: they
 * name a connection, not a device, and the RADIUS server lets neither list hold them for long.
 */
public final class MacLogin {

  /** How long after one attempt the same MAC is tried again. */
  public static final Duration RETRY_AFTER = Duration.ofMinutes(5);

  // Beyond this many remembered attempts the memory starts over (a bounded table).
  private static final int MAX_REMEMBERED = 20_000;

  private final ClientTable clients;
  private final Executor blocking;
  private final Clock clock;
  private final Map<String, Instant> tried = new ConcurrentHashMap<>();

  public MacLogin(ClientTable clients, Executor blocking, Clock clock) {
    this.clients = clients;
    this.blocking = blocking;
    this.clock = clock;
  }

  /**
   * Tries the client's MAC unless it was tried within {@link #RETRY_AFTER}.
   *
   * @return completes true when the client is online; null when no attempt is made now
   */
  public CompletionStage<Boolean> tryAdmit(String ip, String mac) {
    String normalized = Macs.normalize(mac);
    if (normalized.isEmpty() || Macs.locallyAdministered(normalized)) {
      return null;
    }
    Instant now = clock.instant();
    if (tried.size() >= MAX_REMEMBERED) {
      tried.clear();
    }
    // Atomically: only the first connection of a client within RETRY_AFTER tries its MAC.
    boolean[] mine = {false};
    tried.compute(
        normalized,
        (key, last) -> {
          if (last != null && now.isBefore(last.plus(RETRY_AFTER))) {
            return last;
          }
          mine[0] = true;
          return now;
        });
    if (!mine[0]) {
      return null;
    }
    return CompletableFuture.supplyAsync(
        () ->
            clients.authorize(ip, normalized, normalized, normalized).outcome()
                == AuthorizeResult.Outcome.ACCEPTED,
        blocking);
  }
}
