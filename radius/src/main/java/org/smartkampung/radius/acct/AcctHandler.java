package org.smartkampung.radius.acct;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.core.gateway.GardenAccounting;
import org.smartkampung.core.limits.EffectiveLimits;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.SessionKey;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.report.ActivityRecorder;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.core.store.StoreOutages;
import org.smartkampung.radius.auth.SessionLimits;
import org.smartkampung.radius.server.InboundRequest;
import org.smartkampung.radius.server.RadiusMetrics;
import org.smartkampung.radius.server.RadiusMetrics.DropReason;
import org.smartkampung.radius.server.Reply;
import org.smartkampung.radius.server.RequestHandler;

/**
 * Answers Accounting-Request. The ledger applies each record idempotently ({@link
 * QuotaLedger#record}): a retransmit, a late record or a record retried at another instance adds
 * nothing. The answer is sent only once the ledger and the session store have the effect durably;
 * otherwise none is sent and the NAS retransmits. When a record shows the user or the village
 * exhausted, {@code onExhausted} is told (it sends Disconnect).
 *
 * <p>No worker thread waits on the store: Start, Interim-Update and Stop complete when the store's
 * pipelined operations do, and Accounting-On/Off (one NAS's sessions in bulk) runs on the bulk
 * executor. A record without Acct-Session-Id cannot be charged safely (RFC 2866 requires it; its
 * counters could belong to any session), so it is refused: dropped, counted and logged once per NAS
 * a minute.
 */
public final class AcctHandler implements RequestHandler {

  private static final Logger log = LoggerFactory.getLogger(AcctHandler.class);

  /** Sessions remembered between records; a busy kabupaten has a few tens of thousands. */
  static final int RECENT_SESSIONS = 200_000;

  private static final Reply OK = new Reply(RadiusCode.ACCOUNTING_RESPONSE, List.of(), "ok");

  private final QuotaLedger ledger;
  private final SessionStore sessions;
  private final SessionLimits limits;
  private final Consumer<Session> onExhausted;
  private final RadiusMetrics metrics;
  private final Clock clock;
  private final Executor bulk;
  private final NasWarnings missingSessionId = new NasWarnings(Duration.ofMinutes(1));
  private final NasWarnings storeFailures = new NasWarnings(Duration.ofSeconds(10));
  private final VillageUsageGauges villageGauges;
  private final ActivityRecorder activity;

  /**
   * The last record of each live session this instance saw, so an Interim-Update needs no read
   * before its writes. Only the session's identity, start and rate come from it; charging is exact
   * without it because the ledger keeps its own last counters.
   */
  private final Cache<String, Recent> recent =
      Caffeine.newBuilder()
          .maximumSize(RECENT_SESSIONS)
          .expireAfterWrite(Duration.ofHours(1))
          .executor(Runnable::run)
          .build();

  /**
   * A session as last written, and when its index entries were last written with it ({@link
   * SessionStore#putAsync}); until {@link SessionStore#INDEX_RENEWAL} has passed, an Interim-Update
   * at the same address writes only the session ({@link SessionStore#updateAsync}).
   */
  private record Recent(Session session, Instant indexedAt) {

    boolean indexesCurrent(Session next, Instant now) {
      return Objects.equals(session.framedIp(), next.framedIp())
          && now.isBefore(indexedAt.plus(SessionStore.INDEX_RENEWAL));
    }
  }

  /**
   * @param limits the limits each session's counters are checked against
   * @param bulk runs Accounting-On/Off, which reads and closes a NAS's sessions in bulk
   */
  public AcctHandler(
      QuotaLedger ledger,
      SessionStore sessions,
      SessionLimits limits,
      Consumer<Session> onExhausted,
      RadiusMetrics metrics,
      Clock clock,
      Executor bulk) {
    this(ledger, sessions, limits, onExhausted, metrics, clock, bulk, null);
  }

  /**
   * As above, telling {@code activity} (may be null) of each session's first record, for the
   * monthly report.
   */
  public AcctHandler(
      QuotaLedger ledger,
      SessionStore sessions,
      SessionLimits limits,
      Consumer<Session> onExhausted,
      RadiusMetrics metrics,
      Clock clock,
      Executor bulk,
      ActivityRecorder activity) {
    this.limits = limits;
    this.activity = activity;
    this.ledger = ledger;
    this.sessions = sessions;
    this.onExhausted = onExhausted;
    this.metrics = metrics;
    this.clock = clock;
    this.bulk = bulk;
    this.villageGauges = new VillageUsageGauges(metrics.registry());
  }

  /** Blocks until {@link #handleAsync} completes; for callers that have a thread to spare. */
  @Override
  public Optional<Reply> handle(InboundRequest request) {
    return handleAsync(request).toCompletableFuture().join();
  }

  @Override
  public CompletionStage<Optional<Reply>> handleAsync(InboundRequest request) {
    AccountingRecord record = AccountingRecord.from(request.packet());
    try {
      CompletionStage<Boolean> durable =
          switch (record.statusType()) {
            case AccountingRecord.ACCOUNTING_ON, AccountingRecord.ACCOUNTING_OFF ->
                CompletableFuture.supplyAsync(() -> closeAll(request.nas()), bulk);
            case AccountingRecord.START, AccountingRecord.INTERIM_UPDATE, AccountingRecord.STOP -> {
              if (record.acctSessionId() == null || record.acctSessionId().isEmpty()) {
                yield refuseWithoutSessionId(request);
              }
              yield session(request, record);
            }
            default -> CompletableFuture.completedFuture(true); // nothing we count
          };
      return durable.handle((ok, error) -> answer(request, ok, error));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(answer(request, false, e));
    }
  }

  private CompletionStage<Boolean> refuseWithoutSessionId(InboundRequest request) {
    metrics.drop(DropReason.MISSING_SESSION_ID);
    if (missingSessionId.due(request.nasName(), clock.instant())) {
      log.warn(
          "NAS {} sent accounting without Acct-Session-Id; refused, not charged (logged once a"
              + " minute per NAS)",
          request.nasName());
    }
    return CompletableFuture.completedFuture(null);
  }

  /** The reply: only when the effect is durable; a store failure leaves the NAS to retry. */
  private Optional<Reply> answer(InboundRequest request, Boolean durable, Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    if (cause != null && !StoreOutages.isOutage(cause)) {
      throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
    }
    if (durable == null && cause == null) {
      return Optional.empty(); // refused, already counted
    }
    if (cause != null && storeFailures.due(request.nasName(), clock.instant())) {
      log.warn(
          "store unavailable for accounting from NAS {} (logged once in 10 s per NAS): {}",
          request.nasName(),
          cause.getMessage());
    }
    if (cause != null || !Boolean.TRUE.equals(durable)) {
      metrics.drop(DropReason.STORE_UNAVAILABLE);
      return Optional.empty();
    }
    return Optional.of(OK);
  }

  private CompletionStage<Boolean> session(InboundRequest request, AccountingRecord record) {
    String id = request.nas().name() + "/" + record.acctSessionId();
    Recent remembered = recent.getIfPresent(id);
    CompletableFuture<Optional<Session>> previous =
        remembered != null
            ? CompletableFuture.completedFuture(Optional.of(remembered.session()))
            : sessions.findAsync(id);
    return previous.thenCompose(found -> apply(request, record, id, found, remembered));
  }

  /** The ledger's record and the live session's write or removal, in the batcher's pipelines. */
  private CompletableFuture<Boolean> apply(
      InboundRequest request,
      AccountingRecord record,
      String id,
      Optional<Session> previous,
      Recent remembered) {
    NasClient nas = request.nas();
    SessionKey key = SessionRecords.keyFor(nas, record, id, previous);
    if (record.statusType() == AccountingRecord.STOP) {
      recent.invalidate(id);
      // The ledger closes the session before it leaves the live list, for the same reason.
      return ledger
          .recordAsync(key, record.event())
          .thenCompose(
              result ->
                  !(result instanceof QuotaResult.Ok)
                      ? CompletableFuture.completedFuture(false)
                      : previous
                          .map(sessions::removeAsync)
                          .orElse(CompletableFuture.completedFuture(null))
                          .thenApply(removed -> true));
    }
    Instant now = clock.instant();
    Session session =
        SessionRecords.toSession(
            nas, request.sender().getAddress().getHostAddress(), record, key, previous, now);
    boolean update =
        remembered != null
            && record.statusType() == AccountingRecord.INTERIM_UPDATE
            && remembered.indexesCurrent(session, now);
    Instant indexedAt = update ? remembered.indexedAt() : now;
    return written(session, key, record, remembered != null, update)
        .thenCompose(
            result -> {
              if (!(result instanceof QuotaResult.Ok ok)) {
                return CompletableFuture.completedFuture(false);
              }
              if (!ok.sessionOpen()) {
                // A late record of an ended session: it must not stay listed as live.
                return sessions.removeAsync(session).thenApply(removed -> true);
              }
              recent.put(id, new Recent(session, indexedAt));
              villageGauges.update(key.villageId(), ok.usage());
              // The walled garden's traffic is the village's, not a villager's: never counted as
              // one in the report, never ended by a villager's quota.
              boolean garden =
                  GardenAccounting.isGarden(nas.type(), record.userName(), record.acctSessionId());
              if (activity != null && previous.isEmpty() && !garden) {
                activity.session(key.villageId(), key.userId(), key.deviceId(), true);
              }
              if (!garden) {
                exhaustedCheck(session, ok.usage());
              }
              return CompletableFuture.completedFuture(true);
            });
  }

  /**
   * Writes the live session and applies the record to the ledger. Where the record may open the
   * session in the ledger, the live session is written first, so every session the ledger holds
   * open is one the lost-session sweep can find, even after a crash between the two. An
   * Interim-Update of a session this instance saw the ledger open cannot open it again (a closed
   * session stays closed until a Start), so both go out at once, in one round trip; with {@code
   * update} the session's index entries are left as they are.
   */
  private CompletableFuture<QuotaResult> written(
      Session session,
      SessionKey key,
      AccountingRecord record,
      boolean remembered,
      boolean update) {
    if (remembered && record.statusType() == AccountingRecord.INTERIM_UPDATE) {
      CompletableFuture<Void> put =
          update ? sessions.updateAsync(session) : sessions.putAsync(session);
      return ledger.recordAsync(key, record.event()).thenCombine(put, (result, done) -> result);
    }
    return sessions.putAsync(session).thenCompose(done -> ledger.recordAsync(key, record.event()));
  }

  /**
   * Ends the session when its {@link EffectiveLimits} (voucher included) leave nothing against the
   * counters just recorded. The answer to the NAS does not wait for it.
   */
  private void exhaustedCheck(Session session, Usage usage) {
    limits
        .cached(session.villageId(), session.userId())
        .whenComplete(
            (effective, error) -> {
              if (error != null) {
                log.warn(
                    "cannot check the limits of session {}: {}", session.id(), error.toString());
                return;
              }
              // Closing time is the NAS's Session-Timeout; here only what is spent ends a session.
              effective
                  .refusal(usage, false)
                  .filter(r -> r != EffectiveLimits.Refusal.OUTSIDE_OPENING_HOURS)
                  .ifPresent(
                      reason -> {
                        log.info("session {} exhausted ({}), disconnecting", session.id(), reason);
                        onExhausted.accept(session);
                      });
            });
  }

  /** Forgets sessions another part closed (the lost-session sweep), so memory ends with them. */
  public void forget(List<Session> closed) {
    closed.forEach(s -> recent.invalidate(s.id()));
  }

  /** Accounting-On/Off: the NAS (re)started, so every session it had is over. */
  private boolean closeAll(NasClient nas) {
    long started = System.nanoTime();
    List<Session> open = sessions.listByNas(nas.name());
    long listed = System.nanoTime();
    boolean closed = ledger.closeAll(open.stream().map(SessionRecords::keyOf).toList()).join();
    if (!closed) {
      return false;
    }
    long ledgerDone = System.nanoTime();
    sessions.removeAll(open);
    forget(open);
    if (!open.isEmpty()) {
      log.info(
          "NAS {} restarted: closed its {} sessions in {} ms (list {}, ledger {}, remove {})",
          nas.name(),
          open.size(),
          (System.nanoTime() - started) / 1_000_000,
          (listed - started) / 1_000_000,
          (ledgerDone - listed) / 1_000_000,
          (System.nanoTime() - ledgerDone) / 1_000_000);
    }
    return true;
  }
}
