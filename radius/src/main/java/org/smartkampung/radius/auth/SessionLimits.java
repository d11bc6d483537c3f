package org.smartkampung.radius.auth;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.smartkampung.core.limits.EffectiveLimits;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.subscriber.SubscriberStore;
import org.smartkampung.core.village.Village;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherStore;

/**
 * The {@link EffectiveLimits} of a running session's villager: the village's policy and package
 * from the configuration in force, the subscriber's override and, when the user id is a voucher
 * code, the voucher. {@link #fresh} reads the stores (after an admin edit); {@link #cached} answers
 * the Interim-Update check from memory where it can, a voucher looked up at most every {@link
 * #VOUCHER_TTL}.
 */
public final class SessionLimits {

  /** How long a voucher (or its absence) is remembered for the Interim-Update check. */
  public static final Duration VOUCHER_TTL = Duration.ofSeconds(30);

  /** Vouchers remembered at once; a busy kabupaten has a few tens of thousands of sessions. */
  static final int VOUCHERS_REMEMBERED = 200_000;

  private final VillageDirectory villages;
  private final SubscriberStore subscribers;
  private final VoucherStore vouchers;
  private final Clock clock;
  private final AsyncLoadingCache<String, Optional<Voucher>> voucherCache;
  private final Executor lane;

  /**
   * @param lane where {@link #cached} reads the stores and builds the limits: a store read on a
   *     miss blocks, so callers on a store's pipeline thread never wait for it
   */
  public SessionLimits(
      VillageDirectory villages,
      SubscriberStore subscribers,
      VoucherStore vouchers,
      Clock clock,
      Executor lane) {
    this.lane = lane;
    this.villages = villages;
    this.subscribers = subscribers;
    this.vouchers = vouchers;
    this.clock = clock;
    this.voucherCache =
        Caffeine.newBuilder()
            .maximumSize(VOUCHERS_REMEMBERED)
            .expireAfterWrite(VOUCHER_TTL)
            .executor(lane)
            .buildAsync(vouchers::find);
  }

  /** The limits now, read from the stores (an edit saved a moment ago is seen). */
  public EffectiveLimits fresh(String villageId, String userId) {
    QuotaOverride override = subscribers.find(userId).map(Subscriber::quotaOverride).orElse(null);
    return limits(villageId, override, vouchers.find(userId).orElse(null));
  }

  /**
   * The limits now, from memory where possible; completes on the lane (never exceptionally unless
   * the store fails or the lane is full) once a voucher not remembered was looked up.
   */
  public CompletableFuture<EffectiveLimits> cached(String villageId, String userId) {
    return voucherCache
        .get(userId)
        .thenApplyAsync(
            v -> limits(villageId, subscribers.overrideOf(userId), v.orElse(null)), lane);
  }

  private EffectiveLimits limits(String villageId, QuotaOverride override, Voucher voucher) {
    Village village = villages.village(villageId);
    return EffectiveLimits.of(villages.policyOf(village), village, override, voucher, clock);
  }
}
