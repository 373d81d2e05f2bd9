package coop.sol.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modules' dependencies point one way: web-api → ledger-core → migrations, web-api →
 * merchant-app, and nothing points back. Checked on the compiled classes of all modules as they sit
 * on this module's class path (the ledger and merchant jars included, test code excluded).
 */
class ModuleBoundariesTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // ledger-core's test fixtures come as a "-tests" jar, which the option above misses
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("coop.sol");
  }

  @Test
  void the_import_sees_every_module_that_has_code() {
    // guards the rules below against passing on an empty import
    assertThat(classes.contain("coop.sol.ledger.Ledger")).isTrue();
    assertThat(classes.contain("coop.sol.web.SolApplication")).isTrue();
    assertThat(classes.stream().map(c -> c.getPackageName()))
        .noneMatch(name -> name.startsWith("coop.sol.ledger.testing"));
  }

  @Test
  void the_ledger_knows_nothing_of_the_web_the_merchant_module_or_spring() {
    noClasses()
        .that()
        .resideInAPackage("coop.sol.ledger..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "coop.sol.web..", "coop.sol.merchant..", "org.springframework..", "jakarta.servlet..")
        .check(classes);
  }

  @Test
  void the_merchant_module_has_no_database() {
    noClasses()
        .that()
        .resideInAPackage("coop.sol.merchant..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("coop.sol.ledger..", "org.jooq..", "java.sql..")
        // merchant-app has no classes yet; the rule is in place for when it does
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void the_web_feature_packages_do_not_depend_on_each_other_in_a_cycle() {
    slices().matching("coop.sol.web.(*)..").should().beFreeOfCycles().check(classes);
  }
}
