package org.smartkampung.gateway.firewall;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link NftRuleset} batches with {@code nft -f -} and reads the per-client counters. A
 * failing batch changes nothing (nft applies a batch atomically or not at all); the caller keeps
 * the client captive and the command's error is logged here.
 */
public final class Firewall {

  private static final Logger log = LoggerFactory.getLogger(Firewall.class);

  /** Bytes a client sent ({@code upBytes}) and received ({@code downBytes}) since it was added. */
  public record ClientBytes(long upBytes, long downBytes) {}

  private final NftRuleset rules;
  private final CommandRunner runner;

  public Firewall(NftRuleset rules, CommandRunner runner) {
    this.rules = rules;
    this.runner = runner;
  }

  public NftRuleset rules() {
    return rules;
  }

  /** Applies one batch; false (with the error logged) when nft refused it. */
  public boolean apply(String batch) {
    CommandRunner.Result result = runner.run(List.of("nft", "-f", "-"), batch);
    if (!result.ok()) {
      log.error(
          "nft batch failed, nothing changed: {}\n--- batch ---\n{}", result.describe(), batch);
    }
    return result.ok();
  }

  /**
   * Counters of every client element, by address; null when nft could not be read (callers then
   * skip this round rather than mistake a read failure for clients gone).
   */
  public Map<String, ClientBytes> counters() {
    Map<String, Long> up = read(NftRuleset.CLIENTS_UP);
    Map<String, Long> down = read(NftRuleset.CLIENTS_DOWN);
    if (up == null || down == null) {
      return null;
    }
    Set<String> addresses = new HashSet<>(up.keySet());
    addresses.addAll(down.keySet());
    Map<String, ClientBytes> out = new HashMap<>();
    for (String ip : addresses) {
      out.put(ip, new ClientBytes(up.getOrDefault(ip, 0L), down.getOrDefault(ip, 0L)));
    }
    return out;
  }

  /**
   * Names of this table's quota objects that are used up (the kernel drops their clients' traffic
   * already); null when nft could not be read.
   */
  public Set<String> exhaustedQuotas() {
    CommandRunner.Result result =
        runner.run(List.of("nft", "-j", "list", "quotas", "table", "inet", rules.table()));
    if (!result.ok()) {
      log.warn("cannot read nft quotas: {}", result.describe());
      return null;
    }
    return NftCounters.exhaustedQuotas(result.stdout());
  }

  /** Bytes a named counter of the table counted, or -1 when it cannot be read. */
  public long namedCounterBytes(String name) {
    CommandRunner.Result result =
        runner.run(List.of("nft", "-j", "list", "counter", "inet", rules.table(), name));
    if (!result.ok()) {
      return -1;
    }
    return NftCounters.namedCounterBytes(result.stdout());
  }

  private Map<String, Long> read(String set) {
    CommandRunner.Result result =
        runner.run(List.of("nft", "-j", "list", "set", "inet", rules.table(), set));
    if (!result.ok()) {
      log.warn("cannot read nft counters: {}", result.describe());
      return null;
    }
    return NftCounters.bytesByAddress(result.stdout());
  }
}
