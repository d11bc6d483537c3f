package org.smartkampung.core.quota;

/**
 * Tells the ledger which limits apply to a villager in a village right now. Implementations read
 * the live policy (config plus admin edits), so a change applies to the next charge.
 */
@FunctionalInterface
public interface LimitsSource {
  Limits limitsFor(String villageId, String userId);
}
