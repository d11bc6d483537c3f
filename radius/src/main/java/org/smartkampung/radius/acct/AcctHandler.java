package org.smartkampung.radius.acct;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.nas.Macs;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.SessionKey;
import org.smartkampung.core.quota.StoreUnavailableException;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.radius.codec.RadiusCode;
import org.smartkampung.radius.server.InboundRequest;
import org.smartkampung.radius.server.RadiusMetrics;
import org.smartkampung.radius.server.RadiusMetrics.DropReason;
import org.smartkampung.radius.server.Reply;
import org.smartkampung.radius.server.RequestHandler;

/**
 * Answers Accounting-Request. The ledger charges only what is new since the session's previous
 * record ({@link QuotaLedger#account}), so retransmits and counter resets are safe. The answer is
 * sent only after the ledger said Ok; otherwise none is sent and the NAS retransmits. When a record
 * shows the user or the village exhausted, {@code onExhausted} is told (it sends Disconnect).
 */
public final class AcctHandler implements RequestHandler {

  private static final Logger log = LoggerFactory.getLogger(AcctHandler.class);

  /** Sessions remembered between records; a busy kabupaten has a few tens of thousands. */
  static final int RECENT_SESSIONS = 200_000;

  private static final Reply OK = new Reply(RadiusCode.ACCOUNTING_RESPONSE, List.of(), "ok");

  private final QuotaLedger ledger;
  private final SessionStore sessions;
  private final Consumer<Session> onExhausted;
  private final RadiusMetrics metrics;
  private final Clock clock;

  /**
   * The last record of each live session this instance saw, so an Interim-Update needs no read
   * before its writes. Only the session's identity, start and rate come from it; charging is exact
   * without it because the ledger keeps its own last counters.
   */
  private final Cache<String, Session> recent =
      Caffeine.newBuilder()
          .maximumSize(RECENT_SESSIONS)
          .expireAfterWrite(Duration.ofHours(1))
          .executor(Runnable::run)
          .build();

  public AcctHandler(
      QuotaLedger ledger,
      SessionStore sessions,
      Consumer<Session> onExhausted,
      RadiusMetrics metrics,
      Clock clock) {
    this.ledger = ledger;
    this.sessions = sessions;
    this.onExhausted = onExhausted;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Blocks until {@link #handleAsync} completes; for callers that have a thread to spare. */
  @Override
  public Optional<Reply> handle(InboundRequest request) {
    return handleAsync(request).toCompletableFuture().join();
  }

  /**
   * Interim-Updates and Starts complete when the store's pipelined writes do, so a worker thread
   * never waits on Redis for them; Stops and Accounting-On/Off (once per session or per NAS boot)
   * run on the calling thread (a Stop's charge still goes through the pipeline, waiting for it).
   */
  @Override
  public CompletionStage<Optional<Reply>> handleAsync(InboundRequest request) {
    AccountingRecord record = AccountingRecord.from(request.packet());
    try {
      CompletionStage<Boolean> durable =
          switch (record.statusType()) {
            case AccountingRecord.ACCOUNTING_ON, AccountingRecord.ACCOUNTING_OFF ->
                CompletableFuture.completedFuture(closeAll(request.nas()));
            case AccountingRecord.START, AccountingRecord.INTERIM_UPDATE, AccountingRecord.STOP ->
                record.acctSessionId() == null
                    ? CompletableFuture.completedFuture(true)
                    : session(request, record);
            default -> CompletableFuture.completedFuture(true); // nothing we count
          };
      return durable.handle((ok, error) -> answer(request, ok, error));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(answer(request, false, e));
    }
  }

  private Optional<Reply> answer(InboundRequest request, Boolean durable, Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    if (cause != null && !(cause instanceof StoreUnavailableException)) {
      throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
    }
    if (cause != null) {
      log.warn(
          "store unavailable for accounting from NAS {}: {}",
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
    NasClient nas = request.nas();
    String id = nas.name() + "/" + record.acctSessionId();
    Optional<Session> previous = previousRecord(id);
    SessionKey key = SessionRecords.keyFor(nas, record, id, previous);
    if (record.statusType() == AccountingRecord.STOP) {
      return CompletableFuture.completedFuture(stop(id, key, record));
    }
    Session session =
        SessionRecords.toSession(
            nas,
            request.sender().getAddress().getHostAddress(),
            record,
            key,
            previous,
            clock.instant());
    // One pipeline: the start (if any), the charge and the session write, in that order.
    CompletableFuture<QuotaResult> started =
        record.statusType() == AccountingRecord.START
            ? ledger.sessionStartedAsync(key)
            : CompletableFuture.completedFuture(null);
    CompletableFuture<QuotaResult> charged =
        ledger.accountAsync(
            key, record.downloadBytes(), record.uploadBytes(), record.sessionSeconds());
    CompletableFuture<Void> written = sessions.putAsync(session);
    return CompletableFuture.allOf(started, charged, written)
        .thenApply(
            done -> {
              if (!(started.join() == null || started.join() instanceof QuotaResult.Ok)
                  || !(charged.join() instanceof QuotaResult.Ok ok)) {
                return false;
              }
              recent.put(id, session);
              exhaustedCheck(session, ok.usage());
              return true;
            });
  }

  private boolean stop(String id, SessionKey key, AccountingRecord record) {
    // The final charge goes through the pipeline like an Interim's, so on Redis with replicas it
    // is answered only once a replica holds it (a failover must not lose an acknowledged Stop).
    QuotaResult charged =
        ledger
            .accountAsync(
                key, record.downloadBytes(), record.uploadBytes(), record.sessionSeconds())
            .join();
    if (!(charged instanceof QuotaResult.Ok)
        || !(ledger.sessionEnded(key) instanceof QuotaResult.Ok)) {
      return false;
    }
    sessions.remove(id);
    recent.invalidate(id);
    return true;
  }

  /** The session as of its previous record: from this instance's memory, else from the store. */
  private Optional<Session> previousRecord(String id) {
    Session remembered = recent.getIfPresent(id);
    return remembered != null ? Optional.of(remembered) : sessions.find(id);
  }

  private void exhaustedCheck(Session session, Usage usage) {
    if (usage.userExhausted() || usage.villageExhausted()) {
      log.info(
          "session {} exhausted (user {}, village {}), disconnecting",
          session.id(),
          usage.userExhausted(),
          usage.villageExhausted());
      onExhausted.accept(session);
    }
  }

  private boolean closeAll(NasClient nas) {
    for (Session session : sessions.listByNas(nas.name())) {
      SessionKey key =
          new SessionKey(session.villageId(), session.userId(), deviceOf(session), session.id());
      if (!(ledger.sessionEnded(key) instanceof QuotaResult.Ok)) {
        return false;
      }
      sessions.remove(session.id());
      recent.invalidate(session.id());
    }
    return true;
  }

  private static String deviceOf(Session session) {
    String device = Macs.deviceId(session.deviceMac(), session.framedIp());
    return device.isEmpty() ? session.userId() : device;
  }
}
