package org.smartkampung.radius.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.login.LoginMethod;
import org.smartkampung.core.nas.Macs;
import org.smartkampung.core.nas.NasClient;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.QuotaPolicy;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.Usage;
import org.smartkampung.core.village.Village;
import org.smartkampung.radius.codec.Attributes;
import org.smartkampung.radius.codec.RadiusCode;
import org.smartkampung.radius.server.InboundRequest;
import org.smartkampung.radius.server.Reply;
import org.smartkampung.radius.server.RequestHandler;

/**
 * Answers Access-Request: checks the credentials, asks the ledger what is left, lets {@link
 * Authorization} decide, and encodes the decision for the NAS's type. When the ledger cannot be
 * reached the request is rejected with a "service disturbed" message (fail closed: quotas are what
 * the village paid for).
 */
public final class AuthHandler implements RequestHandler {

  private static final Logger log = LoggerFactory.getLogger(AuthHandler.class);

  private final VillageDirectory villages;
  private final CredentialChecker checker;
  private final QuotaLedger ledger;
  private final RememberedDevices devices;
  private final Attributes attributes;
  private final ReplyAttributes replyAttributes;
  private final Clock clock;

  public AuthHandler(
      VillageDirectory villages,
      CredentialChecker checker,
      QuotaLedger ledger,
      RememberedDevices devices,
      Attributes attributes,
      Clock clock) {
    this.villages = villages;
    this.checker = checker;
    this.ledger = ledger;
    this.devices = devices;
    this.attributes = attributes;
    this.replyAttributes = new ReplyAttributes(attributes);
    this.clock = clock;
  }

  @Override
  public Optional<Reply> handle(InboundRequest request) {
    NasClient nas = request.nas();
    Credentials credentials =
        Credentials.from(request.packet(), request.authenticator(), nas.secret());
    Village nasVillage = villages.village(nas.village());
    Instant now = clock.instant();
    CheckedIdentity who = checker.check(credentials, nasVillage.id(), nasVillage.macAuth(), now);
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
            who.override());
    Usage usage = null;
    if (who.outcome() == CredentialOutcome.VALID) {
      String device = credentials.deviceId().isEmpty() ? who.userId() : credentials.deviceId();
      QuotaResult result = ledger.check(village.id(), who.userId(), device);
      if (result instanceof QuotaResult.StoreUnavailable down) {
        log.warn(
            "ledger unavailable for Access-Request from NAS {}: {}", nas.name(), down.reason());
        return Optional.of(
            reject(RejectReason.SERVICE_UNAVAILABLE.message(""), "store_unavailable"));
      }
      usage = ((QuotaResult.Ok) result).usage();
    }
    AuthDecision decision = Authorization.decide(facts, policy, usage);
    if (decision instanceof AuthDecision.Reject rejected) {
      log.debug("reject {} on NAS {}: {}", credentials.username(), nas.name(), rejected.reason());
      return Optional.of(reject(rejected.replyMessage(), "reject"));
    }
    // A randomised MAC is this phone's for one network only: never a key for MAC login.
    if (who.method() != LoginMethod.MAC && !Macs.locallyAdministered(credentials.deviceMac())) {
      devices.remember(village.id(), credentials.deviceMac(), who.userId());
    }
    return Optional.of(
        new Reply(
            RadiusCode.ACCESS_ACCEPT,
            replyAttributes.forAccept(nas.type(), (AuthDecision.Accept) decision),
            "accept"));
  }

  private Reply reject(String message, String result) {
    return new Reply(
        RadiusCode.ACCESS_REJECT, List.of(attributes.text("Reply-Message", message)), result);
  }
}
