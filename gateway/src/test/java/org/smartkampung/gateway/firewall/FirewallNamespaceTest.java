package org.smartkampung.gateway.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartkampung.gateway.testing.NetnsLab;

/** The batches against the real nft, in a namespace of its own. */
class FirewallNamespaceTest {

  private NetnsLab lab;
  private String ns;
  private Firewall firewall;
  private final NftRuleset rules =
      new NftRuleset(
          "kampung_gateway",
          "cl0",
          "up0",
          "10.88.0.0/24",
          "10.88.0.1",
          8002,
          53,
          List.of(8003),
          NftRuleset.WEB_PORTS);
  private final NftRuleset.Client client =
      new NftRuleset.Client(
          "10.88.0.5", "02:00:00:00:00:05", 600, "abc123", new NftRuleset.ByteQuota(5000, 0, 0));

  @BeforeEach
  void namespace() {
    NetnsLab.requireRootAnd("ip", "nft");
    lab = new NetnsLab();
    ns = lab.namespace("fw");
    // iifname/oifname match by name: the interfaces need not exist for the table to load.
    firewall = new Firewall(rules, lab.runner(ns));
  }

  @AfterEach
  void cleanUp() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void tableLoadsAndClientsCanBeAllowedCountedAndRevoked() {
    assertThat(firewall.apply(rules.create(List.of(), List.of("10.88.0.1")))).isTrue();
    assertThat(firewall.apply(rules.allow(client))).isTrue();
    assertThat(firewall.counters()).containsOnlyKeys("10.88.0.5");
    assertThat(firewall.counters().get("10.88.0.5")).isEqualTo(new Firewall.ClientBytes(0, 0));

    assertThat(firewall.apply(rules.revoke(client))).isTrue();
    assertThat(firewall.counters()).isEmpty();
    // Revoking again (e.g. after the element timed out) still succeeds.
    assertThat(firewall.apply(rules.revoke(client))).isTrue();
  }

  @Test
  void newOctetLimitsReplaceTheQuotaAndRevokeRemovesIt() {
    assertThat(firewall.apply(rules.create(List.of(), List.of()))).isTrue();
    assertThat(firewall.apply(rules.allow(client))).isTrue();
    assertThat(lab.sh(ns, "nft list quotas")).contains("qt_abc123").contains("over 5000 bytes");
    NftRuleset.Client changed =
        new NftRuleset.Client(
            client.ip(), client.mac(), 600, "abc123", new NftRuleset.ByteQuota(0, 0, 9000));
    assertThat(firewall.apply(rules.replaceQuotas(changed))).isTrue();
    assertThat(lab.sh(ns, "nft list quotas"))
        .doesNotContain("qt_abc123")
        .contains("qd_abc123")
        .contains("over 9000 bytes");
    assertThat(firewall.exhaustedQuotas()).isEmpty();
    assertThat(firewall.apply(rules.revoke(changed))).isTrue();
    assertThat(lab.sh(ns, "nft list quotas")).doesNotContain("abc123");
  }

  @Test
  void createTwiceReplacesTheTableInsteadOfFailing() {
    assertThat(firewall.apply(rules.create(List.of(client), List.of()))).isTrue();
    assertThat(firewall.apply(rules.create(List.of(), List.of()))).isTrue();
    assertThat(firewall.counters()).isEmpty();
  }

  @Test
  void aFailingBatchChangesNothing() {
    assertThat(firewall.apply(rules.create(List.of(), List.of()))).isTrue();
    String half =
        rules.allow(client) + "add element inet kampung_gateway clients_up { 10.88.0.300 }\n";
    assertThat(firewall.apply(half)).isFalse();
    assertThat(firewall.counters()).isEmpty();
  }

  @Test
  void deleteRemovesTheTableAndIsQuietWhenItIsGone() {
    assertThat(firewall.apply(rules.create(List.of(), List.of()))).isTrue();
    assertThat(firewall.apply(rules.delete())).isTrue();
    assertThat(lab.sh(ns, "nft list tables")).doesNotContain("kampung_gateway");
    assertThat(firewall.apply(rules.delete())).isTrue();
    assertThat(firewall.counters()).isNull();
  }
}
