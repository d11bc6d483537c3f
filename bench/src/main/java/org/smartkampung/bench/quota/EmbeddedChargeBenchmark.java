package org.smartkampung.bench.quota;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.smartkampung.core.quota.EmbeddedQuotaLedger;
import org.smartkampung.core.quota.Limits;
import org.smartkampung.core.quota.QuotaResult;
import org.smartkampung.core.quota.SessionKey;

/**
 * One charge on the embedded (in-process) ledger, every thread a different session of one village,
 * so threads contend for that village's lock as they would at the evening peak.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EmbeddedChargeBenchmark {

  @State(Scope.Benchmark)
  public static class Ledger {
    Path dataDir;
    EmbeddedQuotaLedger ledger;

    @Setup(Level.Trial)
    public void open() throws IOException {
      dataDir = Files.createTempDirectory("kampung-bench");
      ledger =
          new EmbeddedQuotaLedger(
              dataDir, 5, v -> BenchRedis.JAKARTA, (v, u) -> Limits.NONE, Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      ledger.close();
      Files.deleteIfExists(dataDir.resolve("counters.json"));
      Files.deleteIfExists(dataDir);
    }
  }

  @State(Scope.Thread)
  public static class Session {
    private static final AtomicInteger NEXT = new AtomicInteger();
    SessionKey key;

    @Setup(Level.Trial)
    public void pick() {
      int n = NEXT.incrementAndGet();
      key = new SessionKey("bench", "user" + n, "dev" + n, "embedded-" + n);
    }
  }

  @Benchmark
  public QuotaResult charge(Ledger ledger, Session session) {
    return ledger.ledger.charge(session.key, 1_500, 200, 1);
  }
}
