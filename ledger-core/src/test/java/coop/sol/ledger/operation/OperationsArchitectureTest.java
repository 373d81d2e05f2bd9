package coop.sol.ledger.operation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The operation packages keep the house rules: the generated jOOQ classes stay in their persistence
 * classes ({@code *Store}, package-private), and the families depend on each other without cycles.
 */
class OperationsArchitectureTest {
  static final String[] OPERATIONS = {
    "coop.sol.ledger.operation",
    "coop.sol.ledger.settings",
    "coop.sol.ledger.exchange",
    "coop.sol.ledger.reward",
    "coop.sol.ledger.volunteer",
    "coop.sol.ledger.voucher",
    "coop.sol.ledger.reconversion",
    "coop.sol.ledger.fonte",
    "coop.sol.ledger.refund",
    "coop.sol.ledger.correction"
  };

  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages(OPERATIONS);

  @Test
  void only_persistence_classes_use_the_generated_jooq_classes() {
    noClasses()
        .that()
        .haveNameNotMatching(".*Store(\\$.*)?")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("coop.sol.ledger.jooq..")
        .because("jOOQ records never leave the persistence classes")
        .check(CLASSES);
  }

  @Test
  void persistence_classes_are_not_public() {
    noClasses().that().haveSimpleNameEndingWith("Store").should().bePublic().check(CLASSES);
  }

  @Test
  void operation_families_have_no_cycles() {
    slices().matching("coop.sol.ledger.(*)..").should().beFreeOfCycles().check(CLASSES);
  }
}
