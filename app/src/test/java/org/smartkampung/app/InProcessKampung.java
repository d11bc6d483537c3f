package org.smartkampung.app;

import java.time.Clock;
import java.util.List;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.metrics.KampungMetrics;

/**
 * TEST FIXTURE: {@code kampung run}'s own wiring ({@link RunCommand.Kampung}: stores, admin store,
 * live config, RADIUS and portal roles) started in-process, for tests in other packages.
 */
public final class InProcessKampung implements AutoCloseable {

  private final RunCommand.Kampung kampung;

  private InProcessKampung(RunCommand.Kampung kampung) {
    this.kampung = kampung;
  }

  /** Starts every role {@code config} enables, as {@code kampung run} does. */
  public static InProcessKampung start(KampungConfig config, Clock clock) {
    return new InProcessKampung(
        RunCommand.Kampung.start(config, clock, KampungMetrics.createRegistry()));
  }

  /** The lines {@code kampung run} prints about what listens where. */
  public List<String> describe() {
    return kampung.describe();
  }

  /** The stores the roles share (for tests that compare what pages show with the ledger). */
  public org.smartkampung.core.store.KampungStores stores() {
    return kampung.stores();
  }

  /** Stops every role and closes the stores, as on SIGTERM. */
  @Override
  public void close() {
    kampung.close();
  }
}
