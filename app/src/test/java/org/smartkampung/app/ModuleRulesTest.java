package org.smartkampung.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dependencies point one way: app -> (radius, gateway, portal) -> core; radius and gateway also use
 * the RADIUS codec, which uses no other module.
 */
class ModuleRulesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // The other modules' test-jars (fixtures shared with app's tests) are not main code.
            .withImportOption(location -> !location.contains("-tests.jar"))
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
            "org.smartkampung.codec..",
            "org.smartkampung.radius..",
            "org.smartkampung.gateway..",
            "org.smartkampung.portal..",
            "org.smartkampung.app..")
        .check(classes);
  }

  /** The RADIUS codec sits beside core: the server, the gateway and the bench share it. */
  @Test
  void radiusCodecImportsNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage("org.smartkampung.codec..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.smartkampung.core..",
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

  /**
   * Inside a module, packages depend one way: a cycle between two of them means neither can be read
   * or changed alone. Each package is its own slice, the module's root package too. Core's own rule
   * lives with core.
   */
  @ParameterizedTest
  @ValueSource(strings = {"codec", "radius", "gateway", "portal", "app"})
  void noPackageCyclesInsideTheModule(String module) {
    slices()
        .assignedFrom(packagesOf("org.smartkampung." + module))
        .should()
        .beFreeOfCycles()
        .check(classes);
  }

  private static SliceAssignment packagesOf(String root) {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        return name.equals(root) || name.startsWith(root + ".")
            ? SliceIdentifier.of(name)
            : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "the packages of " + root;
      }
    };
  }
}
