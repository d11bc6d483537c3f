package org.smartkampung.radius.auth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.smartkampung.core.subscriber.PasswordVerifier;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.subscriber.VerifiedPasswords;
import org.smartkampung.radius.server.RadiusMetrics;
import org.smartkampung.radius.server.RadiusMetrics.DropReason;

/**
 * Checks a subscriber's PAP password without holding up anyone else. In order: a password
 * remembered as right answers at once (no throttle: it proves knowledge of the password); then the
 * {@link LoginThrottle} counts the try, refusing it past its limit; a password remembered as wrong
 * answers at once; only then is the slow hash checked, on the password lane, a bounded executor of
 * its own. When the lane's queue is full the request is dropped, counted ({@code
 * kampung.radius.drops{reason=password_lane_full}}), and left for the hotspot to retransmit.
 */
public final class SubscriberPasswords {

  /** How a check ended. */
  public enum Verdict {
    RIGHT,
    WRONG,
    THROTTLED,
    /** Not checked: the lane was full. Answer nothing; the hotspot retransmits. */
    DROPPED
  }

  private final PasswordVerifier verifier;
  private final Executor lane;
  private final VerifiedPasswords remembered;
  private final LoginThrottle throttle;
  private final RadiusMetrics metrics;

  public SubscriberPasswords(
      PasswordVerifier verifier,
      Executor lane,
      VerifiedPasswords remembered,
      LoginThrottle throttle,
      RadiusMetrics metrics) {
    this.verifier = verifier;
    this.lane = lane;
    this.remembered = remembered;
    this.throttle = throttle;
    this.metrics = metrics;
  }

  public LoginThrottle throttle() {
    return throttle;
  }

  /**
   * Checks {@code password} for {@code subscriber}, from {@code deviceMac} ("" when unknown) at
   * {@code nasName}. Completes at once or on the password lane's thread.
   *
   * @throws RuntimeException a store outage of the throttle's counters
   */
  public CompletionStage<Verdict> check(
      Subscriber subscriber, String password, String nasName, String deviceMac) {
    String user = subscriber.username();
    String hash = subscriber.passwordHash();
    VerifiedPasswords.Known known = remembered.lookup(user, hash, password);
    if (known == VerifiedPasswords.Known.RIGHT) {
      return CompletableFuture.completedFuture(Verdict.RIGHT);
    }
    LoginThrottle.Attempt attempt = throttle.reserve(user, nasName, deviceMac);
    if (!attempt.allowed()) {
      return CompletableFuture.completedFuture(Verdict.THROTTLED);
    }
    if (known == VerifiedPasswords.Known.WRONG) {
      return CompletableFuture.completedFuture(Verdict.WRONG);
    }
    CompletableFuture<Verdict> verdict = new CompletableFuture<>();
    try {
      lane.execute(
          () -> {
            try {
              boolean right = verifier.verify(password, hash);
              remembered.remember(user, hash, password, right);
              if (right) {
                throttle.release(attempt);
              }
              verdict.complete(right ? Verdict.RIGHT : Verdict.WRONG);
            } catch (RuntimeException e) {
              verdict.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException full) {
      throttle.release(attempt);
      metrics.drop(DropReason.PASSWORD_LANE_FULL);
      return CompletableFuture.completedFuture(Verdict.DROPPED);
    }
    return verdict;
  }
}
