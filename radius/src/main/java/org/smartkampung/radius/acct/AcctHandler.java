package org.smartkampung.radius.acct;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
  private static final Reply OK = new Reply(RadiusCode.ACCOUNTING_RESPONSE, List.of(), "ok");

  private final QuotaLedger ledger;
  private final SessionStore sessions;
  private final Consumer<Session> onExhausted;
  private final RadiusMetrics metrics;
  private final Clock clock;

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

  @Override
  public Optional<Reply> handle(InboundRequest request) {
    AccountingRecord record = AccountingRecord.from(request.packet());
    try {
      boolean durable =
          switch (record.statusType()) {
            case AccountingRecord.ACCOUNTING_ON, AccountingRecord.ACCOUNTING_OFF ->
                closeAll(request.nas());
            case AccountingRecord.START, AccountingRecord.INTERIM_UPDATE, AccountingRecord.STOP ->
                record.acctSessionId() == null || session(request, record);
            default -> true; // other status types carry nothing we count
          };
      if (!durable) {
        metrics.drop(DropReason.STORE_UNAVAILABLE);
        return Optional.empty();
      }
      return Optional.of(OK);
    } catch (StoreUnavailableException e) {
      log.warn(
          "store unavailable for accounting from NAS {}: {}", request.nasName(), e.getMessage());
      metrics.drop(DropReason.STORE_UNAVAILABLE);
      return Optional.empty();
    }
  }

  private boolean session(InboundRequest request, AccountingRecord record) {
    NasClient nas = request.nas();
    String id = nas.name() + "/" + record.acctSessionId();
    Optional<Session> previous = sessions.find(id);
    SessionKey key = SessionRecords.keyFor(nas, record, id, previous);
    Instant now = clock.instant();
    if (record.statusType() == AccountingRecord.START
        && !(ledger.sessionStarted(key) instanceof QuotaResult.Ok)) {
      return false;
    }
    QuotaResult charged =
        ledger.account(key, record.downloadBytes(), record.uploadBytes(), record.sessionSeconds());
    if (!(charged instanceof QuotaResult.Ok ok)) {
      return false;
    }
    if (record.statusType() == AccountingRecord.STOP) {
      if (!(ledger.sessionEnded(key) instanceof QuotaResult.Ok)) {
        return false;
      }
      sessions.remove(id);
      return true;
    }
    Session session =
        SessionRecords.toSession(
            nas, request.sender().getAddress().getHostAddress(), record, key, previous, now);
    sessions.put(session);
    Usage usage = ok.usage();
    if (usage.userExhausted() || usage.villageExhausted()) {
      log.info(
          "session {} exhausted (user {}, village {}), disconnecting",
          id,
          usage.userExhausted(),
          usage.villageExhausted());
      onExhausted.accept(session);
    }
    return true;
  }

  private boolean closeAll(NasClient nas) {
    for (Session session : sessions.listByNas(nas.name())) {
      SessionKey key =
          new SessionKey(session.villageId(), session.userId(), deviceOf(session), session.id());
      if (!(ledger.sessionEnded(key) instanceof QuotaResult.Ok)) {
        return false;
      }
      sessions.remove(session.id());
    }
    return true;
  }

  private static String deviceOf(Session session) {
    String device = Macs.deviceId(session.deviceMac(), session.framedIp());
    return device.isEmpty() ? session.userId() : device;
  }
}
