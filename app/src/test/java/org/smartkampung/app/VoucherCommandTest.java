package org.smartkampung.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.admin.AuditEntry;
import org.smartkampung.core.config.ConfigLoader;
import org.smartkampung.core.config.KampungConfig;
import org.smartkampung.core.store.AdminStoreFactory;
import org.smartkampung.core.store.AdminStores;

/** {@code kampung voucher create} prints the codes and leaves the console's audit entry. */
class VoucherCommandTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream oldOut;

  @BeforeEach
  void capture() {
    oldOut = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
  }

  /** One village on the embedded store in the test's folder. */
  private Path config() throws Exception {
    Path file = dir.resolve("kampung.yaml");
    Files.writeString(
        file,
        """
        regency: {id: banyuwangi, name: Kabupaten Banyuwangi}
        store: {type: embedded, data-dir: %s}
        villages: [{id: kemiren, name: Kemiren}]
        """
            .formatted(dir.resolve("data")));
    return file;
  }

  @Test
  void aBatchMadeOnTheCommandLineIsPrintedAndAuditedAsTheConsolesAre() throws Exception {
    Path file = config();

    int code =
        KampungCli.execute(
            "voucher",
            "create",
            "--config",
            file.toString(),
            "--village",
            "kemiren",
            "--count",
            "3",
            "--mb",
            "500");

    assertThat(code).isZero();
    List<String> codes =
        Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\\R"))
            .filter(l -> !l.isBlank())
            .toList();
    assertThat(codes).hasSize(3).doesNotHaveDuplicates();
    KampungConfig config = ConfigLoader.load(file);
    try (AdminStores admin = AdminStoreFactory.open(config.store())) {
      assertThat(admin.audit().newest(10))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.action()).isEqualTo("voucher.create");
                assertThat(e.actor()).startsWith("cli:");
                assertThat(e.villageId()).isEqualTo("kemiren");
                assertThat(e.after()).startsWith("3 voucher").contains("500 MB");
              });
    }
  }

  @Test
  void anOutOfRangeBatchIsRefusedAndAuditsNothing() throws Exception {
    Path file = config();

    int code =
        KampungCli.execute(
            "voucher",
            "create",
            "--config",
            file.toString(),
            "--village",
            "kemiren",
            "--count",
            "9999");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    KampungConfig config = ConfigLoader.load(file);
    try (AdminStores admin = AdminStoreFactory.open(config.store())) {
      assertThat(admin.audit().newest(10)).extracting(AuditEntry::action).isEmpty();
    }
  }
}
