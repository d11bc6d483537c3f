package org.smartkampung.portal.testing;

/**
 * Starts a portal with the test configuration on {@code args[0]} (default 18080) for {@code wrk};
 * see docs/BENCHMARKS.md. Runs until killed.
 */
public final class PortalBenchMain {

  private PortalBenchMain() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 18080;
    PortalHarness portal = PortalHarness.startOn(port);
    System.out.println("portal on " + portal.base());
    Thread.currentThread().join();
  }
}
