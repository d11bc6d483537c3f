package org.smartkampung.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.smartkampung.core.config.ConfigException;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.limits.ConfigLimitsSource;
import org.smartkampung.core.metrics.KampungMetrics;
import org.smartkampung.core.quota.StoreUnavailableException;
import org.smartkampung.core.store.AdminStoreFactory;
import org.smartkampung.core.store.AdminStores;
import org.smartkampung.core.store.KampungStores;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.voucher.Voucher;
import org.smartkampung.core.voucher.VoucherBatch;
import org.smartkampung.core.voucher.VoucherCodes;
import org.smartkampung.portal.admin.service.AdminServices;
import org.smartkampung.portal.admin.service.Outcome;
import org.smartkampung.portal.admin.service.VoucherService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kampung voucher}: voucher batches from the command line. */
@Command(
    name = "voucher",
    description = "Manage vouchers.",
    subcommands = {VoucherCommand.Create.class})
final class VoucherCommand {

  /**
   * {@code kampung voucher create --village ... --count ...}: the same service as the admin
   * console; prints one code a line.
   */
  @Command(name = "create", description = "Create a batch of vouchers and print their codes.")
  static final class Create implements Callable<Integer> {

    @Option(
        names = {"-c", "--config"},
        description = "Configuration file (default: ${DEFAULT-VALUE}).",
        defaultValue = "config/kampung.yaml")
    Path configFile;

    @Option(names = "--village", required = true, description = "Village id.")
    String village;

    @Option(names = "--count", required = true, description = "How many (1-500).")
    int count;

    @Option(names = "--days", defaultValue = "30", description = "Valid for days (1-366).")
    int days;

    @Option(names = "--mb", defaultValue = "0", description = "Megabytes each, 0 = unlimited.")
    long megabytes;

    @Option(names = "--minutes", defaultValue = "0", description = "Minutes each, 0 = unlimited.")
    long minutes;

    @Option(names = "--devices", defaultValue = "1", description = "Devices per voucher (1-10).")
    int devices;

    @Override
    public Integer call() {
      KampungConfig config;
      try {
        config = ConfigLoader.load(configFile);
      } catch (ConfigException e) {
        CheckConfigCommand.printErrors(e);
        return ExitCodes.CONFIG;
      }
      if (config.village(village).isEmpty()) {
        System.err.println("kampung: unknown village '" + village + "'");
        return ExitCodes.USAGE;
      }
      VoucherBatch batch = new VoucherBatch(village, count, days, megabytes, minutes, devices);
      if (!batch.problems().isEmpty()) {
        System.err.println(
            "kampung: out of range: " + String.join(", ", batch.problems().keySet()));
        return ExitCodes.USAGE;
      }
      Clock clock = Clock.systemUTC();
      try (KampungStores stores =
              Wiring.openStores(
                  config, new ConfigLimitsSource(config), clock, KampungMetrics.createRegistry());
          AdminStores admin = AdminStoreFactory.open(config.store())) {
        // The console's service: the batch lands in the audit log as the console's do, with the
        // operating-system account that ran the command as its actor.
        Outcome<List<Voucher>> made =
            AdminServices.create(stores, admin, new PasswordHasher(), clock)
                .vouchers()
                .create(new VoucherService.CreateBatch(batch, "", actor()));
        if (!(made instanceof Outcome.Done<List<Voucher>> done)) {
          System.err.println("kampung: vouchers not made: " + made);
          return ExitCodes.USAGE;
        }
        done.value().forEach(v -> System.out.println(VoucherCodes.format(v.code())));
        return 0;
      } catch (StoreUnavailableException e) {
        System.err.println("kampung: " + e.getMessage());
        return ExitCodes.UNAVAILABLE;
      }
    }

    /** The audit log's actor: the command line and the account that ran it. */
    private static String actor() {
      return "cli:" + System.getProperty("user.name", "unknown");
    }
  }
}
