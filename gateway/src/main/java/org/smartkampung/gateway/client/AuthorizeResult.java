package org.smartkampung.gateway.client;

/**
 * The outcome of an authorize call.
 *
 * @param outcome what happened
 * @param message for the villager (Bahasa Indonesia): the RADIUS Reply-Message or the gateway's
 */
public record AuthorizeResult(Outcome outcome, String message) {

  /** What happened to an authorize call. */
  public enum Outcome {
    /** RADIUS accepted and the client is through the firewall. */
    ACCEPTED,
    /** RADIUS rejected the login. */
    REJECTED,
    /** The MAC does not match the kernel's neighbour entry for that address. */
    WRONG_DEVICE,
    /** No reply from RADIUS, or nft/tc failed: the client stays captive. */
    FAILED
  }
}
