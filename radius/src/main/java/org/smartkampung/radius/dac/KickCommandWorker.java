package org.smartkampung.radius.dac;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.session.KickRequest;
import org.smartkampung.core.session.KickResult;
import org.smartkampung.core.session.SessionCommands;

/**
 * Carries out the admin console's "kick" requests from the {@link SessionCommands} channel: takes
 * each request, sends the Disconnect-Request through {@link DynamicAuthClient#kick}, and records
 * the result for the console. One daemon thread; {@link #close} stops it.
 */
public final class KickCommandWorker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KickCommandWorker.class);

  private final SessionCommands commands;
  private final DynamicAuthClient client;
  private final Clock clock;
  private final CommandLoop<KickRequest> loop;

  public KickCommandWorker(SessionCommands commands, DynamicAuthClient client, Clock clock) {
    this.commands = commands;
    this.client = client;
    this.clock = clock;
    this.loop = new CommandLoop<>("radius-kick-commands", commands::nextKick, this::carryOut);
  }

  private void carryOut(KickRequest request) {
    log.info("kick of session {} requested by {}", request.sessionId(), request.requestedBy());
    client
        .kick(request.sessionId())
        .whenComplete(
            (result, error) -> {
              KickResult.Outcome outcome =
                  error != null ? KickResult.Outcome.FAILED : outcomeOf(result.outcome());
              // The admin reads this line next to the outcome: Bahasa Indonesia.
              String detail = error != null ? error.toString() : detail(result);
              try {
                commands.recordResult(
                    new KickResult(
                        request.id(), request.sessionId(), outcome, detail, clock.instant()));
              } catch (RuntimeException e) {
                log.warn("cannot record kick result {}: {}", request.id(), e.getMessage());
              }
            });
  }

  /** The admin's line next to the outcome, in Bahasa Indonesia. */
  public static String detail(DacResult result) {
    String sent =
        result.viaRadSec()
            ? "dikirim lewat koneksi RadSec hotspot"
            : "dikirim " + result.attempts() + " kali";
    String cause = result.errorCause() == 0 ? "" : ", Error-Cause " + result.errorCause();
    if (result.outcome() == DacResult.Outcome.TIMEOUT && !result.viaRadSec()) {
      // Behind CGNAT a hotspot cannot be reached on UDP at all: say so, and what to do.
      return sent
          + "; hotspot tidak terjangkau: tidak tersambung lewat RadSec dan tidak menjawab di UDP"
          + " (di balik CGNAT?). Sambungkan lewat RadSec atau WireGuard"
          + " (docs/portal-nas-setup.md)";
    }
    return sent + cause;
  }

  static KickResult.Outcome outcomeOf(DacResult.Outcome outcome) {
    return switch (outcome) {
      case ACK -> KickResult.Outcome.DISCONNECTED;
      case NAK -> KickResult.Outcome.REFUSED;
      case TIMEOUT -> KickResult.Outcome.NO_ANSWER;
      case UNKNOWN_SESSION -> KickResult.Outcome.UNKNOWN_SESSION;
      case ERROR -> KickResult.Outcome.FAILED;
    };
  }

  @Override
  public void close() {
    loop.close();
  }
}
