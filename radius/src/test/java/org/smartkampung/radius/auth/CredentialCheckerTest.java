package org.smartkampung.radius.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.smartkampung.core.login.LoginMethod;
import org.smartkampung.core.login.LoginToken;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.radius.testing.InMemoryStores;

class CredentialCheckerTest {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  private final InMemoryStores stores = new InMemoryStores();
  private final RememberedDevices devices =
      new RememberedDevices(
          stores.rememberedDevices(), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(1));
  private final CredentialChecker checker =
      new CredentialChecker(
          stores.loginTokens(),
          stores.subscribers(),
          stores.vouchers(),
          devices,
          stores.deviceLists());

  private static Credentials pap(String user, String password) {
    return new Credentials(user, password, null, null, "", "");
  }

  @Test
  void aSubscriberSignedInOnThePortalKeepsTheirOwnOverride() {
    QuotaOverride own = new QuotaOverride(500L, null, 8192L, 2048L, 3);
    stores.subscribers().create(new Subscriber("siti", "kemiren", "x", "Siti", true, own));
    stores
        .loginTokens()
        .mint(
            new LoginToken(
                "kt-1",
                "s3cret",
                "kemiren",
                "siti",
                LoginMethod.SUBSCRIBER,
                "",
                "kemiren-mt",
                NOW.plusSeconds(60)));
    stores
        .loginTokens()
        .mint(
            new LoginToken(
                "kt-2",
                "s3cret",
                "kemiren",
                "siti",
                LoginMethod.VOUCHER,
                "",
                "kemiren-mt",
                NOW.plusSeconds(60)));

    CheckedIdentity subscriber =
        checker.check(pap("kt-1", "s3cret"), "kemiren-mt", "kemiren", false, NOW);
    CheckedIdentity clickThrough =
        checker.check(pap("kt-2", "s3cret"), "kemiren-mt", "kemiren", false, NOW);

    assertThat(subscriber.outcome()).isEqualTo(CredentialOutcome.VALID);
    assertThat(subscriber.override()).isEqualTo(own);
    assertThat(clickThrough.override()).isNull();
  }
}
