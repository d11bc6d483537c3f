package org.smartkampung.core.quota;

/**
 * What the ledger answers: the usage after the operation, or that the store could not be reached in
 * time. Callers decide the policy for the second case (RADIUS: fail open or closed, spool).
 */
public sealed interface QuotaResult {

  /**
   * The operation took effect (for a charge: durably) and this is the usage afterwards.
   *
   * @param sessionOpen for an accounting record: whether its session is open after it (false after
   *     a Stop, and for a late record of a closed session, which must not bring it back)
   */
  record Ok(Usage usage, boolean sessionOpen) implements QuotaResult {
    public Ok(Usage usage) {
      this(usage, true);
    }
  }

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
