package org.smartkampung.core.quota;

/**
 * What the ledger answers: the usage after the operation, or that the store could not be reached in
 * time. Callers decide the policy for the second case (RADIUS: fail open or closed, spool).
 */
public sealed interface QuotaResult {

  /** The operation took effect (for a charge: durably) and this is the usage afterwards. */
  record Ok(Usage usage) implements QuotaResult {}

  /** The store did not answer within its timeout or failed; nothing was charged. */
  record StoreUnavailable(String reason) implements QuotaResult {}

  /** The usage, or throws {@link StoreUnavailableException} when the store was unavailable. */
  default Usage orThrow() {
    if (this instanceof Ok ok) {
      return ok.usage();
    }
    throw new StoreUnavailableException(((StoreUnavailable) this).reason());
  }
}
