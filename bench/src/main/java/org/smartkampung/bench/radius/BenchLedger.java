package org.smartkampung.bench.radius;

import java.util.concurrent.ConcurrentHashMap;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.QuotaLedger;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.SessionKey;
import org.smartkampung.core.quota.Usage;

/**
 * Stand-in in-memory ledger for {@link RadiusBenchServer} until the embedded and Redis ledgers are
 * on main: per-session last totals and per-user byte counters, no periods, no persistence.
 */
final class BenchLedger implements QuotaLedger {

  private final ConcurrentHashMap<String, long[]> last = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> userBytes = new ConcurrentHashMap<>();

  private QuotaResult usage(String user) {
    return new QuotaResult.Ok(new Usage(userBytes.getOrDefault(user, 0L), 0, 0, 0, 0, Limits.NONE));
  }

  @Override
  public QuotaResult charge(SessionKey s, long in, long out, long seconds) {
    userBytes.merge(s.userId(), in + out, Long::sum);
    return usage(s.userId());
  }

  @Override
  public QuotaResult account(SessionKey s, long in, long out, long seconds) {
    long[] delta = new long[2];
    last.compute(
        s.sessionId(),
        (k, prev) -> {
          long pIn = prev == null || in < prev[0] ? 0 : prev[0];
          long pOut = prev == null || out < prev[1] ? 0 : prev[1];
          delta[0] = in - pIn;
          delta[1] = out - pOut;
          return new long[] {in, out};
        });
    return charge(s, delta[0], delta[1], 0);
  }

  @Override
  public QuotaResult check(String villageId, String userId, String deviceId) {
    return usage(userId);
  }

  @Override
  public QuotaResult sessionStarted(SessionKey s) {
    return usage(s.userId());
  }

  @Override
  public QuotaResult sessionEnded(SessionKey s) {
    last.remove(s.sessionId());
    return usage(s.userId());
  }

  @Override
  public boolean isExhausted(String villageId, String userId) {
    return false;
  }

  @Override
  public void close() {}
}
