package org.smartkampung.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BeforeLoginTest {

  private final BeforeLogin rules =
      new BeforeLogin(
          new WalledGarden(List.of("desa.test")),
          new QueryBudget(3, 1, 16, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));

  private static DefaultDnsQuestion a(String name) {
    return new DefaultDnsQuestion(name, DnsRecordType.A);
  }

  @Test
  void hostNamesAndProbeNamesLookLikeNamesEncodedDataDoesNot() {
    assertThat(BeforeLogin.looksLikeData("www.banyuwangikab.go.id.")).isFalse();
    assertThat(BeforeLogin.looksLikeData("connectivitycheck.gstatic.com")).isFalse();
    assertThat(BeforeLogin.looksLikeData("6b616d70756e672d7465.t.example")).isTrue();
    assertThat(BeforeLogin.looksLikeData("mfrggzdfmztwq2lknnwg.t.example")).isTrue();
    assertThat(BeforeLogin.looksLikeData("a".repeat(31) + ".example")).isTrue();
    assertThat(BeforeLogin.looksLikeData("ab.".repeat(40) + "example")).isTrue();
  }

  @Test
  void otherTypesThanAddressesAreRefused() {
    assertThat(rules.refusal("10.5.50.9", new DefaultDnsQuestion("x.test", DnsRecordType.TXT)))
        .contains(BeforeLogin.Refusal.TYPE);
    assertThat(rules.refusal("10.5.50.9", new DefaultDnsQuestion("x.test", DnsRecordType.AAAA)))
        .isEmpty();
  }

  @Test
  void gardenAndProbeNamesPassEvenWhenTheyLookOdd() {
    assertThat(rules.refusal("10.5.50.9", a("x9k2z7q1w8e5r4.desa.test"))).isEmpty();
    assertThat(rules.refusal("10.5.50.9", a("www.msftconnecttest.com"))).isEmpty();
  }

  @Test
  void eachClientHasItsOwnBudget() {
    for (int i = 0; i < 3; i++) {
      assertThat(rules.refusal("10.5.50.9", a("kabar.test"))).isEmpty();
    }
    assertThat(rules.refusal("10.5.50.9", a("kabar.test"))).contains(BeforeLogin.Refusal.BUDGET);
    assertThat(rules.refusal("10.5.50.10", a("kabar.test"))).isEmpty();
  }
}
