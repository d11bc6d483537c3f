package org.smartkampung.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dependencies point one way: app -> (radius, gateway, portal) -> core. */
class ModuleRulesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.smartkampung");
  }

  @Test
  void coreImportsNoRole() {
    noClasses()
        .that()
        .resideInAPackage("org.smartkampung.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.smartkampung.radius..",
            "org.smartkampung.gateway..",
            "org.smartkampung.portal..",
            "org.smartkampung.app..")
        .check(classes);
  }

  @Test
  void radiusImportsNeitherPortalNorGateway() {
    noClasses()
        .that()
        .resideInAPackage("org.smartkampung.radius..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.smartkampung.gateway..", "org.smartkampung.portal..", "org.smartkampung.app..")
        .check(classes);
  }

  @Test
  void portalImportsNeitherRadiusNorGateway() {
    noClasses()
        .that()
        .resideInAPackage("org.smartkampung.portal..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.smartkampung.radius..", "org.smartkampung.gateway..", "org.smartkampung.app..")
        .check(classes);
  }

  @Test
  void gatewayImportsNeitherRadiusNorPortal() {
    noClasses()
        .that()
        .resideInAPackage("org.smartkampung.gateway..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.smartkampung.radius..", "org.smartkampung.portal..", "org.smartkampung.app..")
        .check(classes);
  }
}
