package org.smartkampung.portal.captive;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.nas.Macs;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.voucher.VoucherStore;
import org.smartkampung.portal.security.ClientAddress;

/**
 * RFC 8908 Captive Portal API: tells the device whether it is still captive and, once online, how
 * many seconds and bytes it has left. The client is found by the request's source address among
 * live sessions, so this works where the portal sees client addresses (no NAT in between).
 */
public final class CaptiveApiHandler {

  /** The RFC 8908 media type. */
  public static final String MEDIA_TYPE = "application/captive+json";

  private final KampungConfig config;
  private final QuotaLedger ledger;
  private final SubscriberStore subscribers;
  private final VoucherStore vouchers;
  private final Clock clock;
  private final SessionStore sessions;

  public CaptiveApiHandler(
      KampungConfig config,
      QuotaLedger ledger,
      SessionStore sessions,
      SubscriberStore subscribers,
      VoucherStore vouchers,
      Clock clock) {
    this.subscribers = subscribers;
    this.vouchers = vouchers;
    this.clock = clock;
    this.config = config;
    this.ledger = ledger;
    this.sessions = sessions;
  }

  /** {@code GET /api/captive}. */
  public void handle(RoutingContext ctx) {
    String ip = ClientAddress.of(ctx);
    ctx.vertx()
        .executeBlocking(() -> answer(ip), false)
        .onSuccess(
            json ->
                ctx.response()
                    .putHeader("Content-Type", MEDIA_TYPE)
                    .putHeader("Cache-Control", "private, no-store")
                    .end(json.encode()))
        .onFailure(ctx::fail);
  }

  /** The API document for the client at {@code ip}. */
  JsonObject answer(String ip) {
    String base = config.portal().publicUrl().replaceAll("/+$", "");
    Optional<Session> session = sessions.findByFramedIp(ip);
    JsonObject json = new JsonObject().put("captive", session.isEmpty());
    json.put("user-portal-url", base + "/");
    String village =
        session
            .map(Session::villageId)
            .orElseGet(() -> config.villages().isEmpty() ? "" : config.villages().get(0).id());
    if (!village.isEmpty()) {
      json.put("venue-info-url", base + "/desa/" + village + "/layanan");
    }
    if (session.isPresent()) {
      Session s = session.get();
      Optional<Remaining> remaining =
          config
              .village(s.villageId())
              .flatMap(
                  v ->
                      Remaining.lookup(
                          config,
                          v,
                          s.userId(),
                          Macs.deviceId(s.deviceMac(), s.framedIp()),
                          ledger,
                          subscribers,
                          vouchers,
                          clock));
      if (remaining.isPresent()) {
        Remaining left = remaining.get();
        long seconds = left.seconds();
        long bytes = left.bytes();
        // Unlimited has no number in RFC 8908: the field is left out.
        if (seconds != Limits.UNLIMITED) {
          json.put("seconds-remaining", seconds);
        }
        if (bytes != Limits.UNLIMITED) {
          json.put("bytes-remaining", bytes);
        }
        if (left.voucher() != null) {
          json.put("voucher", voucherJson(left.voucher()));
        }
      }
      json.put("can-extend-session", false);
    }
    return json;
  }

  /**
   * The voucher's own allowance, an extension beside RFC 8908's keys (clients ignore keys they do
   * not know): what it has left of its total and when it expires, unlimited amounts left out.
   */
  private static JsonObject voucherJson(Remaining.VoucherLeft voucher) {
    JsonObject json = new JsonObject().put("expires", voucher.expiresAt().toString());
    if (voucher.bytes() != Limits.UNLIMITED) {
      json.put("bytes-remaining", voucher.bytes());
    }
    if (voucher.seconds() != Limits.UNLIMITED) {
      json.put("seconds-remaining", voucher.seconds());
    }
    return json;
  }
}
