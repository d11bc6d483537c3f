package org.smartkampung.radius.dac;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.limits.EffectiveLimits;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.nas.NasType;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.session.LimitsRequest;
import org.smartkampung.core.session.LimitsResult;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionCommands;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.core.village.Village;
import org.smartkampung.radius.auth.AuthDecision;
import org.smartkampung.radius.auth.ReplyAttributes;
import org.smartkampung.radius.auth.SessionLimits;
import org.smartkampung.radius.auth.VillageDirectory;
import org.smartkampung.radius.server.LiveClients;
import org.smartkampung.radius.server.RadiusMetrics;

/**
 * Carries out "give the running sessions their new limits" from the {@link SessionCommands} channel
 * after an admin changed quotas: reloads the configuration, decides each concerned live session's
 * limits with {@link RunningLimits} (the Access-Accept decision over the session's {@link
 * EffectiveLimits}, voucher included, and the ledger's counters now), and sends a CoA-Request with
 * them, or a Disconnect-Request when nothing is left. Sessions on a {@link NasType#GENERIC} NAS get
 * nothing: they take the new limits at their next Interim-Update or login. Records a {@link
 * LimitsResult} once every NAS answered or timed out. One daemon thread; {@link #close} stops it.
 */
public final class LimitsCommandWorker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LimitsCommandWorker.class);

  /** What one session gets. */
  private enum Action {
    COA,
    DISCONNECT,
    NEXT_INTERIM
  }

  /** The parts of the RADIUS role the worker reads; all shared with the auth path. */
  public record Parts(
      SessionCommands commands,
      SessionStore sessions,
      QuotaLedger ledger,
      SessionLimits limits,
      LiveClients clients,
      ReplyAttributes replyAttributes,
      DynamicAuthClient client,
      RadiusMetrics metrics) {}

  private final Parts parts;
  private final Supplier<KampungConfig> live;
  private final Runnable reloadConfig;
  private final VillageDirectory villages;
  private final Clock clock;
  private final CommandLoop<LimitsRequest> loop;

  /**
   * @param live the configuration in force (villages and policies)
   * @param reloadConfig reloads {@code live} from the store now, so an edit saved by a console in
   *     another process a moment ago is seen
   */
  public LimitsCommandWorker(
      Parts parts, Supplier<KampungConfig> live, Runnable reloadConfig, Clock clock) {
    this.parts = parts;
    this.live = live;
    this.reloadConfig = reloadConfig;
    this.villages = new VillageDirectory(live);
    this.clock = clock;
    this.loop =
        new CommandLoop<>("radius-limits-commands", parts.commands()::nextLimits, this::carryOut);
  }

  private void carryOut(LimitsRequest request) {
    reloadConfig.run();
    List<Session> concerned = concerned(request);
    AtomicInteger coaAcked = new AtomicInteger();
    AtomicInteger disconnected = new AtomicInteger();
    int coaSent = 0;
    int disconnectsSent = 0;
    int nextInterim = 0;
    List<CompletableFuture<?>> answers = new ArrayList<>();
    for (Session session : concerned) {
      NasClient nas = parts.clients().table().byName(session.nasName());
      AuthDecision decision = nas == null ? null : decide(session, nas.type());
      Action action = actionOf(nas, decision);
      parts.metrics().limitsChange(action.name().toLowerCase(Locale.ROOT));
      switch (action) {
        case COA -> {
          coaSent++;
          answers.add(
              parts
                  .client()
                  .changeAuthorization(
                      session,
                      parts.replyAttributes().forChange(nas.type(), (AuthDecision.Accept) decision))
                  .thenAccept(r -> count(r, coaAcked)));
        }
        case DISCONNECT -> {
          disconnectsSent++;
          answers.add(parts.client().disconnect(session).thenAccept(r -> count(r, disconnected)));
        }
        case NEXT_INTERIM -> nextInterim++;
      }
    }
    int sessions = concerned.size();
    int coa = coaSent;
    int disconnects = disconnectsSent;
    int later = nextInterim;
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .whenComplete(
            (done, error) -> {
              LimitsResult result =
                  new LimitsResult(
                      request.id(),
                      request.villageId(),
                      sessions,
                      coa,
                      coaAcked.get(),
                      disconnects,
                      disconnected.get(),
                      later,
                      clock.instant());
              log.info(
                  "new limits of {} by {}: {} session(s), CoA {} ({} ACK), Disconnect {} ({} ACK),"
                      + " {} at next interim",
                  request.forOneUser()
                      ? "subscriber " + request.userId()
                      : "village " + request.villageId(),
                  request.requestedBy(),
                  sessions,
                  coa,
                  result.coaAcknowledged(),
                  disconnects,
                  result.disconnected(),
                  later);
              try {
                parts.commands().recordLimitsResult(result);
              } catch (RuntimeException e) {
                log.warn("cannot record limits result {}: {}", request.id(), e.getMessage());
              }
            });
  }

  /** The village's live sessions, or the subscriber's in every village. */
  private List<Session> concerned(LimitsRequest request) {
    if (!request.forOneUser()) {
      return parts.sessions().listByVillage(request.villageId());
    }
    // Sessions are indexed by village and NAS only; a subscriber may be online in another
    // village's hotspot, and an override edit is rare enough to look through every village.
    List<Session> found = new ArrayList<>();
    for (Village village : live.get().villages()) {
      for (Session s : parts.sessions().listByVillage(village.id())) {
        if (s.userId().equals(request.userId())) {
          found.add(s);
        }
      }
    }
    return found;
  }

  /** The session's new limits, or null when the ledger cannot say (then: next interim). */
  private AuthDecision decide(Session session, NasType nasType) {
    if (!supportsCoa(nasType)) {
      return null;
    }
    String villageId = villages.village(session.villageId()).id();
    // Read from the stores, not a cache: the override may have been saved a moment ago.
    EffectiveLimits limits = parts.limits().fresh(villageId, session.userId());
    // The device argument only matters for device counting, which RunningLimits leaves out.
    QuotaResult usage = parts.ledger().check(villageId, session.userId(), session.userId());
    if (!(usage instanceof QuotaResult.Ok ok)) {
      log.warn("ledger unavailable: session {} gets its new limits later", session.id());
      return null;
    }
    return RunningLimits.decide(session, limits, ok.usage());
  }

  private static Action actionOf(NasClient nas, AuthDecision decision) {
    if (nas == null || decision == null) {
      return Action.NEXT_INTERIM;
    }
    return decision instanceof AuthDecision.Accept ? Action.COA : Action.DISCONNECT;
  }

  /**
   * Whether the NAS type takes a CoA-Request with new limits: RouterOS (Mikrotik-Rate-Limit),
   * CoovaChilli (WISPr bandwidth, ChilliSpot octets) and our gateway; a generic NAS may not.
   */
  public static boolean supportsCoa(NasType type) {
    return type != NasType.GENERIC;
  }

  private static void count(DacResult result, AtomicInteger acknowledged) {
    if (result.acknowledged()) {
      acknowledged.incrementAndGet();
    }
  }

  @Override
  public void close() {
    loop.close();
  }
}
