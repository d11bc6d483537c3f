package org.smartkampung.gateway.testing;

import java.util.List;
import org.smartkampung.gateway.firewall.NftRuleset;

/**
 * Prints the gateway's table as {@link NftRuleset#create} builds it, for the forwarding benchmark
 * (docs/BENCHMARKS.md): interface gc0 to gu0, one authenticated client (address and MAC from the
 * arguments) with a 1 TB total quota, so every packet pays the set, counter and quota lookups.
 */
public final class NftTableMain {

  private NftTableMain() {}

  public static void main(String[] args) {
    NftRuleset rules =
        new NftRuleset(
            "kampung_gateway",
            "gc0",
            "gu0",
            "10.77.0.0/24",
            "10.77.0.1",
            8002,
            53,
            List.of(8003, 3799),
            NftRuleset.WEB_PORTS);
    NftRuleset.Client client =
        new NftRuleset.Client(
            args[0], args[1], 0, "bench", new NftRuleset.ByteQuota(1_000_000_000_000L, 0, 0));
    System.out.print(rules.create(List.of(client), List.of("10.77.0.1")));
  }
}
