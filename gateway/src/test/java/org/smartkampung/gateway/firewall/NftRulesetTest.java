package org.smartkampung.gateway.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NftRulesetTest {

  private final NftRuleset rules =
      new NftRuleset(
          "kampung_gateway",
          "br-wifi",
          "eth0",
          "10.5.50.0/24",
          "10.5.50.1",
          8002,
          53,
          List.of(8003, 3799),
          NftRuleset.WEB_PORTS);
  private static final String MAC = "02:00:00:00:00:09";

  private static NftRuleset.Client client(long timeoutSeconds, NftRuleset.ByteQuota quota) {
    return new NftRuleset.Client("10.5.50.9", MAC, timeoutSeconds, "s1", quota);
  }

  private String forward() {
    String batch = rules.create(List.of(), List.of());
    return batch.substring(batch.indexOf("chain forward_filter"), batch.indexOf("chain input"));
  }

  @Test
  void createReplacesTheWholeTableInOneBatch() {
    String batch = rules.create(List.of(), List.of("10.5.50.1"));
    assertThat(batch)
        .startsWith("table inet kampung_gateway\ndelete table inet kampung_gateway\n")
        .contains("set clients_up { type ipv4_addr . ether_addr; flags timeout; counter; }")
        .contains("set clients_down { type ipv4_addr; flags timeout; counter; }")
        .contains(
            "set garden_static { type ipv4_addr; flags interval; elements = { 10.5.50.1 }; }");
  }

  @Test
  void unauthenticatedPort80IsRedirectedAndDnsIsNot() {
    String batch = rules.create(List.of(), List.of());
    assertThat(batch)
        .contains(
            "iifname \"br-wifi\" ip saddr . ether saddr != @clients_up ip daddr != @garden"
                + " ip daddr != @garden_static tcp dport 80 redirect to :8002")
        .doesNotContain("udp dport 53 redirect");
    // DNS to another resolver is refused; the client must ask the gateway.
    assertThat(forward())
        .contains(
            "iifname \"br-wifi\" meta l4proto { tcp, udp } th dport 53"
                + " reject with icmpx port-unreachable");
  }

  @Test
  void forwardChecksQuotasThenClientsByAddressAndMacThenTheNarrowGarden() {
    assertThat(forward())
        .containsSubsequence(
            "iifname \"br-wifi\" quota name ip saddr . ether saddr map @quota_total_up drop",
            "oifname \"br-wifi\" quota name ip daddr map @quota_total_down drop",
            "iifname \"br-wifi\" ip saddr . ether saddr @clients_up accept",
            "oifname \"br-wifi\" ip daddr @clients_down accept",
            "iifname \"br-wifi\" ip saddr @clients_down counter name taken_over drop",
            "iifname \"br-wifi\" ip daddr @garden tcp dport { 80, 443 } ct mark set 0x6b67"
                + " counter name garden_up_bytes accept",
            "oifname \"br-wifi\" ct direction reply ct mark 0x6b67 meta priority set 1:3"
                + " counter name garden_down_bytes accept",
            "iifname \"br-wifi\" tcp dport 443 reject with tcp reset",
            "iifname \"br-wifi\" drop",
            "oifname \"br-wifi\" drop");
  }

  @Test
  void noEstablishedStateShortcutLetsARevokedClientsStreamsOn() {
    assertThat(forward()).doesNotContain("ct state");
  }

  @Test
  void interceptorAndForwarderAnswerOnlyTheClientSide() {
    assertThat(rules.create(List.of(), List.of()))
        .contains(
            "iifname != { \"br-wifi\", \"lo\" } ip daddr 10.5.50.1 meta l4proto { tcp, udp }"
                + " th dport { 8002, 53 } drop");
  }

  @Test
  void ipv6GuardIsATableOfItsOwnThatDropsClientSideIpv6() {
    assertThat(rules.ipv6Guard())
        .contains("table inet kampung_gateway_ipv6 {")
        .contains("meta nfproto ipv6 iifname \"br-wifi\" drop")
        .contains("meta nfproto ipv6 oifname \"br-wifi\" drop");
    assertThat(rules.delete()).doesNotContain("_ipv6");
  }

  @Test
  void masqueradesOnlyWithAnUpstreamInterface() {
    assertThat(rules.create(List.of(), List.of()))
        .contains("oifname \"eth0\" ip saddr 10.5.50.0/24 masquerade");
    NftRuleset noUpstream =
        new NftRuleset(
            "t", "br-wifi", null, "10.5.50.0/24", null, 8002, 53, List.of(), List.of(80, 443));
    assertThat(noUpstream.create(List.of(), List.of())).doesNotContain("masquerade");
  }

  @Test
  void createCarriesRestoredClientsWithTheirRemainingTime() {
    String batch = rules.create(List.of(client(120, NftRuleset.ByteQuota.NONE)), List.of());
    assertThat(batch)
        .endsWith(
            "add element inet kampung_gateway clients_up { 10.5.50.9 . "
                + MAC
                + " timeout 120s }\n"
                + "add element inet kampung_gateway clients_down { 10.5.50.9 timeout 120s }\n");
  }

  @Test
  void allowWithoutTimeoutOrQuotaAddsPermanentElementsOnly() {
    assertThat(rules.allow(client(0, NftRuleset.ByteQuota.NONE)))
        .isEqualTo(
            "add element inet kampung_gateway clients_up { 10.5.50.9 . "
                + MAC
                + " }\n"
                + "add element inet kampung_gateway clients_down { 10.5.50.9 }\n");
  }

  @Test
  void octetLimitsBecomeQuotaObjectsTheKernelEnforces() {
    assertThat(rules.allow(client(0, new NftRuleset.ByteQuota(2_000_000, 0, 500))))
        .contains("add quota inet kampung_gateway qt_s1 { over 2000000 bytes }\n")
        .contains(
            "add element inet kampung_gateway quota_total_up { 10.5.50.9 . "
                + MAC
                + " : \"qt_s1\" }\n")
        .contains("add element inet kampung_gateway quota_total_down { 10.5.50.9 : \"qt_s1\" }\n")
        .contains("add quota inet kampung_gateway qd_s1 { over 500 bytes }\n")
        .doesNotContain("qu_s1");
  }

  @Test
  void revokeAddsBeforeDeletingSoItWorksWhenTheElementIsGone() {
    assertThat(rules.revoke(client(0, NftRuleset.ByteQuota.NONE)))
        .startsWith(
            "add element inet kampung_gateway clients_up { 10.5.50.9 . "
                + MAC
                + " }\n"
                + "delete element inet kampung_gateway clients_up { 10.5.50.9 . "
                + MAC
                + " }\n"
                + "add element inet kampung_gateway clients_down { 10.5.50.9 }\n"
                + "delete element inet kampung_gateway clients_down { 10.5.50.9 }\n")
        .endsWith("delete quota inet kampung_gateway qd_s1\n");
  }

  @Test
  void gardenRenewsTheTimeoutOfAnExistingAddress() {
    assertThat(rules.garden("203.0.113.7", 300))
        .isEqualTo(
            "add element inet kampung_gateway garden { 203.0.113.7 timeout 1s }\n"
                + "delete element inet kampung_gateway garden { 203.0.113.7 }\n"
                + "add element inet kampung_gateway garden { 203.0.113.7 timeout 300s }\n");
  }

  @Test
  void countersAreReadPerElementFromNftJson() {
    String json =
        """
        {"nftables": [{"metainfo": {"version": "1.0.6"}},
         {"set": {"family": "inet", "name": "clients_up", "table": "kampung_gateway",
          "type": "ipv4_addr", "flags": ["timeout"],
          "elem": [{"elem": {"val": "10.5.50.9", "timeout": 3600, "expires": 3500,
                             "counter": {"packets": 12, "bytes": 3456}}},
                   {"elem": {"val": "10.5.50.10", "counter": {"packets": 0, "bytes": 0}}}]}}]}
        """;
    assertThat(NftCounters.bytesByAddress(json))
        .containsEntry("10.5.50.9", 3456L)
        .containsEntry("10.5.50.10", 0L)
        .hasSize(2);
  }

  @Test
  void countersOfAddressAndMacElementsAreReadByAddress() {
    String json =
        """
        {"nftables": [{"set": {"name": "clients_up", "elem": [{"elem": {
          "val": {"concat": ["10.5.50.9", "02:00:00:00:00:09"]},
          "counter": {"packets": 3, "bytes": 789}}}]}}]}
        """;
    assertThat(NftCounters.bytesByAddress(json)).containsExactly(Map.entry("10.5.50.9", 789L));
  }

  @Test
  void usedUpQuotasAreFoundByName() {
    String json =
        """
        {"nftables": [{"quota": {"name": "qt_a", "bytes": 1000, "used": 1000, "inv": true}},
         {"quota": {"name": "qt_b", "bytes": 1000, "used": 999, "inv": true}}]}
        """;
    assertThat(NftCounters.exhaustedQuotas(json)).containsExactly("qt_a");
  }
}
