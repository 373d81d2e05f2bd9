package coop.sol.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modules' dependencies point one way: web-api → ledger-core → migrations, web-api →
 * merchant-app, ledger-core → network-keys and merchant-app → network-keys, and nothing points
 * back; ledger-core and merchant-app share the network's keys without knowing each other. Checked
 * on the compiled classes of all modules as they sit on this module's class path (the ledger,
 * merchant and keys jars included, test code excluded). The rules written as constants are also
 * shown to fail on fixture classes that break them ({@code coop.sol.keys.archfixture}, test code
 * the import leaves out).
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
    assertThat(classes.contain("coop.sol.merchant.code.PaymentCodes")).isTrue();
    assertThat(classes.contain("coop.sol.keys.KeyId")).isTrue();
    assertThat(classes.stream().map(c -> c.getPackageName()))
        .noneMatch(name -> name.contains(".archfixture"));
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
        .check(classes);
  }

  /** network-keys: Bouncy Castle and the JDK, no other module (both ledger and merchant use it). */
  static final ArchRule THE_KEYS_DEPEND_ON_BOUNCY_CASTLE_ONLY =
      classes()
          .that()
          .resideInAPackage("coop.sol.keys..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("coop.sol.keys..", "java..", "javax.crypto..", "org.bouncycastle..")
          .because("ledger-core and merchant-app share network-keys, which knows neither");

  /** One key type family: signing, verifying and key ids are network-keys' alone. */
  static final ArchRule ONLY_THE_KEYS_TOUCH_BOUNCY_CASTLE =
      noClasses()
          .that()
          .resideOutsideOfPackage("coop.sol.keys..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.bouncycastle..")
          .because("the network's keys have one type and one key id everywhere (coop.sol.keys)");

  @Test
  void the_keys_depend_on_no_other_module() {
    THE_KEYS_DEPEND_ON_BOUNCY_CASTLE_ONLY.check(classes);
  }

  @Test
  void only_the_keys_module_touches_bouncy_castle() {
    ONLY_THE_KEYS_TOUCH_BOUNCY_CASTLE.check(classes);
  }

  @Test
  void the_key_rules_fail_on_classes_that_break_them_and_on_no_classes() {
    JavaClasses fixtures = new ClassFileImporter().importPackages("coop.sol.keys.archfixture");
    assertThatThrownBy(() -> THE_KEYS_DEPEND_ON_BOUNCY_CASTLE_ONLY.check(fixtures))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("KeyThatKnowsTheLedger")
        .hasMessageContaining("coop.sol.ledger.network.NetworkId");
    JavaClasses signsByItself =
        new ClassFileImporter().importClasses(ModuleBoundariesTest.SignsByItself.class);
    assertThatThrownBy(() -> ONLY_THE_KEYS_TOUCH_BOUNCY_CASTLE.check(signsByItself))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SignsByItself");
    JavaClasses none = new ClassFileImporter().importClasses();
    for (ArchRule rule :
        List.of(THE_KEYS_DEPEND_ON_BOUNCY_CASTLE_ONLY, ONLY_THE_KEYS_TOUCH_BOUNCY_CASTLE)) {
      assertThatThrownBy(() -> rule.check(none))
          .as(rule.getDescription())
          .isInstanceOf(AssertionError.class);
    }
  }

  /** Signs with Bouncy Castle outside coop.sol.keys: what the rule above refuses. */
  static final class SignsByItself {
    byte[] sign(byte[] privateKey, byte[] message) {
      var signer = new org.bouncycastle.crypto.signers.Ed25519Signer();
      signer.init(
          true, new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(privateKey, 0));
      signer.update(message, 0, message.length);
      return signer.generateSignature();
    }
  }

  @Test
  void only_the_ledgers_stores_touch_jooq() {
    // ledger-core's own rule (LedgerArchitectureTest) keeps jOOQ in its *Store classes; here: no
    // other module reaches for it, nor for the generated classes
    noClasses()
        .that()
        .resideOutsideOfPackage("coop.sol.ledger..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.jooq..", "coop.sol.ledger.jooq..")
        .because("only ledger-core's *Store classes use jOOQ")
        .check(classes);
  }

  @Test
  void no_class_outside_the_ledger_builds_a_ledger_command() {
    // every payment takes ledger-core's one payment path, every operation its operation: the
    // rules that protect money are checked there, whatever the door
    noClasses()
        .that()
        .resideOutsideOfPackage("coop.sol.ledger..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("coop.sol.ledger.transfer.TransferCommand")
        .because("the money rules live on ledger-core's payment path")
        .check(classes);
  }

  @Test
  void the_web_packages_do_not_depend_on_each_other_in_a_cycle() {
    slices().assignedFrom(packagesOf("coop.sol.web")).should().beFreeOfCycles().check(classes);
  }

  @Test
  void the_merchant_packages_do_not_depend_on_each_other_in_a_cycle() {
    slices().assignedFrom(packagesOf("coop.sol.merchant")).should().beFreeOfCycles().check(classes);
  }

  /**
   * One slice per top-level package under {@code root}, and one for the root package itself (which
   * {@code slices().matching(root + ".(*)..")} would leave out).
   */
  static SliceAssignment packagesOf(String root) {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (name.equals(root)) {
          return SliceIdentifier.of("(root)");
        }
        if (name.startsWith(root + ".")) {
          return SliceIdentifier.of(name.substring(root.length() + 1).split("\\.")[0]);
        }
        return SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "the packages of " + root + ", its root included";
      }
    };
  }
}
