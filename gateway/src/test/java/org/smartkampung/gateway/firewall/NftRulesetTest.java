package org.smartkampung.gateway.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NftRulesetTest {

  private final NftRuleset rules =
      new NftRuleset(
          "kampung_gateway", "br-wifi", "eth0", "10.5.50.0/24", 8002, 53, List.of(8003, 3799));

  @Test
  void createReplacesTheWholeTableInOneBatch() {
    String batch = rules.create(List.of(), List.of("10.5.50.1"));
    assertThat(batch)
        .startsWith("table inet kampung_gateway\ndelete table inet kampung_gateway\n")
        .contains("set clients_up { type ipv4_addr; flags timeout; counter; }")
        .contains("set clients_down { type ipv4_addr; flags timeout; counter; }")
        .contains(
            "set garden_static { type ipv4_addr; flags interval; elements = { 10.5.50.1 }; }");
  }

  @Test
  void unauthenticatedPort80AndDnsAreRedirectedToTheGateway() {
    String batch = rules.create(List.of(), List.of());
    assertThat(batch)
        .contains(
            "iifname \"br-wifi\" ip saddr != @clients_up ip daddr != @garden"
                + " ip daddr != @garden_static tcp dport 80 redirect to :8002")
        .contains("iifname \"br-wifi\" ip saddr != @clients_up udp dport 53 redirect to :53");
  }

  @Test
  void forwardLetsClientsAndGardenThroughRejectsHttpsFastAndDropsTheRest() {
    String batch = rules.create(List.of(), List.of());
    String forward = batch.substring(batch.indexOf("chain forward_filter"));
    assertThat(forward)
        .containsSubsequence(
            "iifname \"br-wifi\" ip saddr @clients_up accept",
            "oifname \"br-wifi\" ip daddr @clients_down accept",
            "iifname \"br-wifi\" ip daddr @garden accept",
            "iifname \"br-wifi\" tcp dport 443 reject with tcp reset",
            "iifname \"br-wifi\" udp dport 443 reject with icmpx port-unreachable",
            "iifname \"br-wifi\" drop",
            "oifname \"br-wifi\" drop");
    // No established-state shortcut before the set lookups: it would skip the byte counters.
    assertThat(forward.indexOf("ct state")).isGreaterThan(forward.indexOf("@clients_down"));
  }

  @Test
  void masqueradesOnlyWithAnUpstreamInterface() {
    assertThat(rules.create(List.of(), List.of()))
        .contains("oifname \"eth0\" ip saddr 10.5.50.0/24 masquerade");
    NftRuleset noUpstream =
        new NftRuleset("t", "br-wifi", null, "10.5.50.0/24", 8002, 53, List.of());
    assertThat(noUpstream.create(List.of(), List.of())).doesNotContain("masquerade");
  }

  @Test
  void createCarriesRestoredClientsWithTheirRemainingTime() {
    String batch = rules.create(List.of(new NftRuleset.Client("10.5.50.9", 120)), List.of());
    assertThat(batch)
        .endsWith(
            "add element inet kampung_gateway clients_up { 10.5.50.9 timeout 120s }\n"
                + "add element inet kampung_gateway clients_down { 10.5.50.9 timeout 120s }\n");
  }

  @Test
  void allowWithoutTimeoutAddsAPermanentElement() {
    assertThat(rules.allow(new NftRuleset.Client("10.5.50.9", 0)))
        .isEqualTo(
            "add element inet kampung_gateway clients_up { 10.5.50.9 }\n"
                + "add element inet kampung_gateway clients_down { 10.5.50.9 }\n");
  }

  @Test
  void revokeAddsBeforeDeletingSoItWorksWhenTheElementIsGone() {
    assertThat(rules.revoke("10.5.50.9"))
        .isEqualTo(
            "add element inet kampung_gateway clients_up { 10.5.50.9 }\n"
                + "delete element inet kampung_gateway clients_up { 10.5.50.9 }\n"
                + "add element inet kampung_gateway clients_down { 10.5.50.9 }\n"
                + "delete element inet kampung_gateway clients_down { 10.5.50.9 }\n");
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
}
