package coop.sol.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import coop.sol.ledger.archfixture.FeatureSide;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The house rules of ledger-core, checked on its compiled main classes (the generated jOOQ classes
 * included, tests and jars excluded):
 *
 * <ul>
 *   <li>only the persistence classes, those named {@code *Store} (and the classes nested in them),
 *       touch jOOQ or the generated classes; the other classes are given a store, never a {@code
 *       DSLContext};
 *   <li>no store hands a jOOQ type out: its public methods return the ledger's own types (a store
 *       is public only where another package, or web-api, needs it; its methods that take a {@code
 *       DSLContext}, for another store's transaction, can only be called by stores);
 *   <li>no two packages depend on each other in a cycle, the root package ({@code Ledger}, {@code
 *       Operations}) included: the feature packages are given what they use, not the {@code
 *       Ledger}.
 * </ul>
 *
 * No rule accepts an empty set of classes, and each is shown to fail on classes that break it (the
 * fixtures of {@code coop.sol.ledger.archfixture}, test code that the main import leaves out): a
 * rule that cannot fail is no rule.
 */
class LedgerArchitectureTest {
  private static final String ROOT = "coop.sol.ledger";
  private static final String GENERATED = "coop.sol.ledger.jooq";

  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages(ROOT);

  /** A store, or a class nested in one (a record it returns, an anonymous class...). */
  static final DescribedPredicate<JavaClass> A_STORE =
      DescribedPredicate.describe("a *Store or a class nested in one", c -> isOrIsIn(c, "Store"));

  /** Each package of ledger-core is a slice, the root package one of its own. */
  static final SliceAssignment PACKAGES =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
          String name = c.getPackageName();
          if (name.equals(ROOT)) {
            return SliceIdentifier.of("(root)");
          }
          if (name.startsWith(ROOT + ".")) {
            return SliceIdentifier.of(name.substring(ROOT.length() + 1).split("\\.")[0]);
          }
          return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "the packages of ledger-core, the root package included";
        }
      };

  static final ArchRule ONLY_STORES_TOUCH_JOOQ =
      noClasses()
          .that()
          .resideOutsideOfPackage(GENERATED + "..")
          .and(DescribedPredicate.not(A_STORE))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.jooq..", GENERATED + "..")
          .because("SQL lives in each package's store; the rest of the ledger is given a store");

  static final ArchRule STORES_HAND_OUT_NO_JOOQ_TYPE =
      methods()
          .that()
          .areDeclaredInClassesThat(A_STORE)
          .and()
          .areDeclaredInClassesThat()
          .arePublic()
          .and()
          .arePublic()
          .should(
              new ArchCondition<JavaMethod>("return no jOOQ type") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                  for (JavaClass type : method.getReturnType().getAllInvolvedRawTypes()) {
                    if (type.getPackageName().startsWith("org.jooq")
                        || type.getPackageName().startsWith(GENERATED)) {
                      events.add(
                          SimpleConditionEvent.violated(
                              method, method.getFullName() + " returns " + type.getName()));
                    }
                  }
                }
              })
          .because("jOOQ records never leave the persistence classes");

  static final ArchRule NO_PACKAGE_CYCLES =
      slices().assignedFrom(PACKAGES).should().beFreeOfCycles();

  @Test
  void the_import_holds_the_ledger_and_the_generated_classes() {
    // guards the rules below against passing on an empty or partial import
    assertThat(CLASSES).isNotEmpty();
    assertThat(CLASSES.contain(Ledger.class)).isTrue();
    assertThat(CLASSES.contain(Operations.class)).isTrue();
    assertThat(CLASSES.contain(GENERATED + ".Tables")).isTrue();
    assertThat(CLASSES.stream().filter(c -> c.getName().endsWith("Store"))).isNotEmpty();
  }

  @Test
  void only_stores_depend_on_jooq() {
    ONLY_STORES_TOUCH_JOOQ.check(CLASSES);
  }

  @Test
  void stores_hand_out_no_jooq_type() {
    STORES_HAND_OUT_NO_JOOQ_TYPE.check(CLASSES);
  }

  @Test
  void no_package_is_in_a_cycle_the_root_included() {
    NO_PACKAGE_CYCLES.check(CLASSES);
  }

  // --- each rule can fail

  static final JavaClasses FIXTURES =
      new ClassFileImporter().importPackages("coop.sol.ledger.archfixture");

  /** A class of the root package that depends on a feature package which depends on the root. */
  static final class RootSide {
    FeatureSide feature;
  }

  @Test
  void the_jooq_rule_refuses_a_class_that_is_not_a_store_and_allows_a_store_and_its_records() {
    assertThatThrownBy(() -> ONLY_STORES_TOUCH_JOOQ.check(FIXTURES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("archfixture.QueryingClass")
        .hasMessageNotContaining("FixtureStore");
  }

  @Test
  void the_store_rule_refuses_a_store_that_hands_out_a_jooq_type() {
    assertThatThrownBy(() -> STORES_HAND_OUT_NO_JOOQ_TYPE.check(FIXTURES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("archfixture.LeakingStore.context()")
        .hasMessageContaining("archfixture.LeakingStore.rows()")
        .hasMessageNotContaining("FixtureStore");
  }

  @Test
  void the_cycle_rule_sees_a_cycle_through_the_root_package() {
    JavaClasses cycle =
        new ClassFileImporter().importClasses(Ledger.class, RootSide.class, FeatureSide.class);
    assertThatThrownBy(() -> NO_PACKAGE_CYCLES.check(cycle))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Slice (root)")
        .hasMessageContaining("Slice archfixture");
  }

  @Test
  void every_rule_fails_on_an_empty_set_of_classes() {
    JavaClasses none = new ClassFileImporter().importClasses();
    for (ArchRule rule :
        List.of(ONLY_STORES_TOUCH_JOOQ, STORES_HAND_OUT_NO_JOOQ_TYPE, NO_PACKAGE_CYCLES)) {
      assertThatThrownBy(() -> rule.check(none))
          .as(rule.getDescription())
          .isInstanceOf(AssertionError.class);
    }
  }

  /**
   * Whether the class, or a class it is nested in, has a simple name ending with {@code suffix}.
   */
  private static boolean isOrIsIn(JavaClass c, String suffix) {
    Optional<JavaClass> k = Optional.of(c);
    while (k.isPresent()) {
      if (k.get().getSimpleName().endsWith(suffix)) {
        return true;
      }
      k = k.get().getEnclosingClass();
    }
    return false;
  }
}
