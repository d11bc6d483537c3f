package org.smartkampung.radius.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.codec.Attributes;
import org.smartkampung.codec.RadiusCode;
import org.smartkampung.core.config.StoreOutagePolicy;
import org.smartkampung.core.limits.EffectiveLimits;
import org.smartkampung.core.login.LoginMethod;
import org.smartkampung.core.nas.Macs;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.store.StoreOutages;
import org.smartkampung.core.village.Village;
import org.smartkampung.radius.server.InboundRequest;
import org.smartkampung.radius.server.Reply;
import org.smartkampung.radius.server.RequestHandler;

/**
 * Answers Access-Request: checks the credentials, asks the ledger what is left, lets {@link
 * Authorization} decide, and encodes the decision for the NAS's type. A subscriber's password is
 * left to {@link SubscriberPasswords} (remembered checks, the failure throttle, then the slow hash
 * on its own lane), so this handler never hashes on a worker thread.
 *
 * <p>When a store fails on the way (credentials, vouchers, remembered devices or the ledger), the
 * {@link StoreOutagePolicy} decides: {@code REJECT} answers Access-Reject with a "service
 * disturbed" message (fail closed: quotas are what the village paid for), {@code NO_ANSWER} stays
 * silent so the NAS fails over to its secondary RADIUS server. Failing to remember a device never
 * fails a login.
 */
public final class AuthHandler implements RequestHandler {

  private static final Logger log = LoggerFactory.getLogger(AuthHandler.class);

  private final VillageDirectory villages;
  private final CredentialChecker checker;
  private final SubscriberPasswords passwords;
  private final QuotaLedger ledger;
  private final RememberedDevices devices;
  private final Attributes attributes;
  private final ReplyAttributes replyAttributes;
  private final StoreOutagePolicy onStoreOutage;
  private final Clock clock;
  private final RejectLog rejects;

  public AuthHandler(
      VillageDirectory villages,
      CredentialChecker checker,
      SubscriberPasswords passwords,
      QuotaLedger ledger,
      RememberedDevices devices,
      Attributes attributes,
      StoreOutagePolicy onStoreOutage,
      Clock clock) {
    this(
        villages,
        checker,
        passwords,
        ledger,
        devices,
        attributes,
        onStoreOutage,
        clock,
        RejectLog.NONE);
  }

  /** As above, telling {@code rejects} of every Access-Reject. */
  public AuthHandler(
      VillageDirectory villages,
      CredentialChecker checker,
      SubscriberPasswords passwords,
      QuotaLedger ledger,
      RememberedDevices devices,
      Attributes attributes,
      StoreOutagePolicy onStoreOutage,
      Clock clock,
      RejectLog rejects) {
    this.rejects = rejects;
    this.villages = villages;
    this.checker = checker;
    this.passwords = passwords;
    this.ledger = ledger;
    this.devices = devices;
    this.attributes = attributes;
    this.replyAttributes = new ReplyAttributes(attributes);
    this.onStoreOutage = onStoreOutage;
    this.clock = clock;
  }

  @Override
  public Optional<Reply> handle(InboundRequest request) {
    return handleAsync(request).toCompletableFuture().join();
  }

  /**
   * Decides on the worker thread, except for a subscriber's password: that is checked by {@link
   * SubscriberPasswords} on its own lane, and the decision is finished on that lane's thread.
   */
  @Override
  public CompletionStage<Optional<Reply>> handleAsync(InboundRequest request) {
    NasClient nas = request.nas();
    Instant now = clock.instant();
    try {
      Credentials credentials =
          Credentials.from(request.packet(), request.authenticator(), nas.secret());
      Village nasVillage = villages.village(nas.village());
      CheckedIdentity who =
          checker.check(credentials, nas.name(), nasVillage.id(), nasVillage.macAuth(), now);
      if (who.passwordToCheck() == null) {
        return CompletableFuture.completedFuture(
            Optional.of(decide(request, credentials, nasVillage, who, now)));
      }
      return passwords
          .check(
              who.passwordToCheck(), credentials.papPassword(), nas.name(), credentials.deviceMac())
          .thenApply(
              verdict ->
                  guarded(
                      request,
                      () -> afterPassword(request, credentials, nasVillage, who, now, verdict)))
          .exceptionally(
              e -> outage(request, e instanceof CompletionException c ? c.getCause() : e));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(outage(request, e));
    }
  }

  private Optional<Reply> afterPassword(
      InboundRequest request,
      Credentials credentials,
      Village nasVillage,
      CheckedIdentity who,
      Instant now,
      SubscriberPasswords.Verdict verdict) {
    return switch (verdict) {
      case RIGHT -> Optional.of(decide(request, credentials, nasVillage, who.passwordRight(), now));
      case WRONG -> Optional.of(decide(request, credentials, nasVillage, who, now));
      case THROTTLED -> {
        log.info(
            "throttled password login of {} on NAS {} from {}",
            credentials.username(),
            request.nas().name(),
            credentials.deviceMac());
        rejected(request, nasVillage, credentials, RejectReason.TOO_MANY_FAILURES);
        yield Optional.of(reject(passwords.throttle().replyMessage(), "throttled"));
      }
      case DROPPED -> Optional.empty();
    };
  }

  private Optional<Reply> guarded(InboundRequest request, Supplier<Optional<Reply>> step) {
    try {
      return step.get();
    } catch (RuntimeException e) {
      return outage(request, e);
    }
  }

  /** A store outage gets the configured answer; anything else is a bug and propagates. */
  private Optional<Reply> outage(InboundRequest request, Throwable e) {
    if (!StoreOutages.isOutage(e)) {
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new CompletionException(e);
    }
    if (onStoreOutage == StoreOutagePolicy.REJECT) {
      rejects.rejected(
          request.nas().village(), request.nas().name(), "", RejectReason.SERVICE_UNAVAILABLE);
    }
    return storeOutage(request.nas(), e.toString());
  }

  private void rejected(
      InboundRequest request, Village nasVillage, Credentials credentials, RejectReason reason) {
    String who =
        credentials.username().isEmpty() ? credentials.deviceMac() : credentials.username();
    // A hotspot (or our gateway) trying MAC login for every new device: an unknown one is normal.
    boolean macProbe =
        !credentials.deviceMac().isEmpty()
            && Macs.normalize(credentials.username()).equals(credentials.deviceMac());
    boolean keep = reason != RejectReason.BAD_CREDENTIALS || !macProbe;
    rejects.rejected(nasVillage.id(), request.nas().name(), who, reason, keep);
  }

  private Reply decide(
      InboundRequest request,
      Credentials credentials,
      Village nasVillage,
      CheckedIdentity who,
      Instant now) {
    NasClient nas = request.nas();
    Village village =
        who.villageId().equals(nasVillage.id()) ? nasVillage : villages.village(who.villageId());
    QuotaPolicy policy = villages.policyOf(village);
    AuthFacts facts =
        new AuthFacts(
            who.outcome(),
            nas.type(),
            village.id(),
            who.userId(),
            LocalTime.ofInstant(now, village.timeZone()),
            village.bandwidthPackage(),
            who.override(),
            who.voucher());
    Usage usage = null;
    String device = credentials.deviceId().isEmpty() ? who.userId() : credentials.deviceId();
    if (who.outcome() == CredentialOutcome.VALID) {
      usage = ledger.check(village.id(), who.userId(), device).orThrow();
    }
    EffectiveLimits limits = Authorization.limitsOf(facts, policy);
    AuthDecision decision =
        Authorization.decide(who.outcome(), limits, usage, Authorization.sessionClass(facts), true);
    if (decision instanceof AuthDecision.Accept
        && !holdDeviceSlot(village.id(), who.userId(), device, limits.maxDevices())) {
      decision = Authorization.tooManyDevices();
    }
    if (decision instanceof AuthDecision.Reject rejected) {
      rejected(request, nasVillage, credentials, rejected.reason());
      return reject(rejected.replyMessage(), "reject");
    }
    // A randomised MAC is this phone's for one network only: never a key for MAC login.
    if (village.macAuth()
        && who.method() != LoginMethod.MAC
        && !Macs.locallyAdministered(credentials.deviceMac())) {
      remember(village.id(), credentials.deviceMac(), who.userId());
    }
    return new Reply(
        RadiusCode.ACCESS_ACCEPT,
        replyAttributes.forAccept(nas.type(), (AuthDecision.Accept) decision),
        "accept");
  }

  /**
   * Holds the device's slot in the ledger, atomically against parallel logins of the same villager
   * (the check above saw the slots before any of them was taken); its Start confirms it.
   */
  private boolean holdDeviceSlot(String villageId, String userId, String device, int maxDevices) {
    return maxDevices == Integer.MAX_VALUE
        || ledger.reserveDevice(villageId, userId, device, maxDevices);
  }

  private void remember(String villageId, String mac, String userId) {
    try {
      devices.remember(villageId, mac, userId);
    } catch (RuntimeException e) {
      if (!StoreOutages.isOutage(e)) {
        throw e;
      }
      log.warn("could not remember device {} of village {}: {}", mac, villageId, e.toString());
    }
  }

  private Optional<Reply> storeOutage(NasClient nas, String reason) {
    log.warn(
        "store unavailable for Access-Request from NAS {} ({}): {}",
        nas.name(),
        onStoreOutage == StoreOutagePolicy.REJECT ? "rejecting" : "not answering",
        reason);
    return switch (onStoreOutage) {
      case REJECT ->
          Optional.of(reject(RejectReason.SERVICE_UNAVAILABLE.message(""), "store_unavailable"));
      case NO_ANSWER -> Optional.empty();
    };
  }

  private Reply reject(String message, String result) {
    return new Reply(
        RadiusCode.ACCESS_REJECT, List.of(attributes.text("Reply-Message", message)), result);
  }
}
