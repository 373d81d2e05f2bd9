package coop.sol.merchant;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module's dependency rules (see package-info.java and shared/STYLE.md), checked. */
class PackageDependenciesTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("coop.sol.merchant");

  @Test
  void featurePackagesDependOneWayQrThenCode() {
    noClasses()
        .that()
        .resideInAPackage("..merchant.code..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..merchant.qr..")
        .check(MAIN);
    slices().matching("coop.sol.merchant.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void nothingDependsOnTheTillAndOnlyTheTillUsesPicocliAndJackson() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..merchant.till..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..merchant.till..", "picocli..", "tools.jackson..")
        .check(MAIN);
  }

  @Test
  void noDatabaseNoSpringNoOtherModule() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..",
            "javax.sql..",
            "org.springframework..",
            "org.jooq..",
            "coop.sol.ledger..",
            "coop.sol.web..")
        .check(MAIN);
  }

  @Test
  void keysAreTheSharedModulesAndNothingHereTouchesBouncyCastle() {
    // signing, verifying, key ids and keys at rest are coop.sol.keys's (network-keys), which
    // ledger-core's checkpoints and reports share
    noClasses().should().dependOnClassesThat().resideInAPackage("org.bouncycastle..").check(MAIN);
  }
}
