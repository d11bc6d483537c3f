package org.smartkampung.core;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Core's feature packages depend on each other one way only: {@code limits} on {@code quota},
 * {@code config}, {@code village}, {@code subscriber} and {@code voucher}; none of them back.
 */
class PackageCyclesTest {

  @Test
  void corePackagesHaveNoCycles() {
    JavaClasses core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.smartkampung.core");

    slices().matching("org.smartkampung.core.(*)..").should().beFreeOfCycles().check(core);
  }
}
