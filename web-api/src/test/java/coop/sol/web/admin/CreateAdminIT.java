package coop.sol.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.web.SolApplication;
import coop.sol.web.TestDataDirectory;
import coop.sol.web.user.AppUser;
import coop.sol.web.user.Role;
import coop.sol.web.user.RoleGrant;
import coop.sol.web.user.Users;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The life of a fresh installation: it warns that it has no administrator, {@code --create-admin}
 * creates one (and refuses what it should), and then the warning is gone. The steps share one data
 * directory, in order.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CreateAdminIT {
  private static final Path DATA = TestDataDirectory.create();
  private static final String PASSWORD = "un mot de passe assez long";
  private static final String WARNING = "No administrator exists yet";

  @Test
  @Order(1)
  void a_normal_start_without_an_administrator_says_how_to_create_one(CapturedOutput output) {
    try (var context = serve()) {
      assertThat(output.getOut()).contains(WARNING).contains("--create-admin=<username>");
    }
  }

  @Test
  @Order(2)
  void create_admin_stores_an_argon2id_administrator_and_exits_with_0(CapturedOutput output) {
    ConfigurableApplicationContext context =
        command("--create-admin=root", "--SOL_ADMIN_PASSWORD=" + PASSWORD);

    assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
    AppUser root = context.getBean(Users.class).find("root").orElseThrow();
    assertThat(root.roles()).containsExactly(RoleGrant.administrator());
    assertThat(root.has(Role.ADMINISTRATOR)).isTrue();
    assertThat(root.passwordHash()).startsWith("$argon2id$");
    assertThat(context.getBean(PasswordEncoder.class).matches(PASSWORD, root.passwordHash()))
        .isTrue();
    assertThat(SpringApplication.exit(context)).isZero();
    assertThat(output.getOut()).contains("Administrateur « root » créé");
    // administrators log in with a TOTP code: the secret is made now and shown this once
    assertThat(root.totpSecret()).hasValueSatisfying(secret -> assertThat(secret).hasSize(32));
    assertThat(output.getOut()).contains("Secret TOTP", root.totpSecret().orElseThrow());
    assertThat(output.getAll()).doesNotContain(PASSWORD);
  }

  @Test
  @Order(3)
  void an_existing_username_is_refused_and_left_alone(CapturedOutput output) {
    ConfigurableApplicationContext context =
        command("--create-admin=root", "--SOL_ADMIN_PASSWORD=another password entirely");
    String hashBefore = context.getBean(Users.class).find("root").orElseThrow().passwordHash();

    assertThat(SpringApplication.exit(context)).isEqualTo(1);
    assertThat(output.getErr()).contains("existe déjà");
    try (var again = command("--create-admin=root", "--SOL_ADMIN_PASSWORD=" + PASSWORD)) {
      assertThat(again.getBean(Users.class).find("root").orElseThrow().passwordHash())
          .isEqualTo(hashBefore);
    }
  }

  @Test
  @Order(4)
  void a_short_password_or_a_bad_username_is_refused(CapturedOutput output) {
    ConfigurableApplicationContext context =
        command("--create-admin=shorty", "--SOL_ADMIN_PASSWORD=tooshort");

    assertThat(SpringApplication.exit(context)).isEqualTo(1);
    assertThat(output.getErr()).contains("12 à 200 caractères");
    try (var again = command("--create-admin=Not Valid", "--SOL_ADMIN_PASSWORD=" + PASSWORD)) {
      assertThat(again.getBean(CreateAdministratorCommand.class).getExitCode()).isEqualTo(2);
      assertThat(again.getBean(Users.class).exists("shorty")).isFalse();
    }
  }

  @Test
  @Order(5)
  void without_a_password_and_without_a_terminal_it_explains_and_exits_with_2(
      CapturedOutput output) {
    // the test JVM has no terminal: System.console() is null (or, on Java 22+, not a terminal)
    ConfigurableApplicationContext context = command("--create-admin=nopassword");

    assertThat(SpringApplication.exit(context)).isEqualTo(2);
    assertThat(output.getErr()).contains("SOL_ADMIN_PASSWORD");
  }

  @Test
  @Order(6)
  void once_there_is_an_administrator_a_normal_start_does_not_warn(CapturedOutput output) {
    try (var context = serve()) {
      assertThat(context.getBean(Users.class).anyAdministrator()).isTrue();
      assertThat(output.getOut()).doesNotContain(WARNING);
    }
  }

  private static ConfigurableApplicationContext serve() {
    return SolApplication.start("--server.port=0", "--sol.data-dir=" + DATA);
  }

  private static ConfigurableApplicationContext command(String... args) {
    String[] all = new String[args.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--sol.data-dir=" + DATA;
    return SolApplication.start(all);
  }
}
