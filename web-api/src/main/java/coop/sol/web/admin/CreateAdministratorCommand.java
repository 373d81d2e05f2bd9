package coop.sol.web.admin;

import coop.sol.web.installation.Commands;
import coop.sol.web.user.NewUser;
import coop.sol.web.user.RoleGrant;
import coop.sol.web.user.TotpSecret;
import coop.sol.web.user.Username;
import coop.sol.web.user.Users;
import java.io.Console;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar sol.jar --create-admin=NAME}: creates an administrator, so that an installation
 * never needs a default password. The password comes from the environment variable {@code
 * SOL_ADMIN_PASSWORD} or, when it is absent and a terminal is attached, from a prompt without echo.
 * It is stored only as an Argon2id hash and never printed or logged. Administrators log in with a
 * TOTP code too: the command generates their TOTP secret and prints it once. The process then exits
 * with {@link #getExitCode()}: 0 on success, 1 on a refusal, 2 on a usage error.
 */
@Component
@Order(0)
class CreateAdministratorCommand implements ApplicationRunner, ExitCodeGenerator {
  static final String PASSWORD_VARIABLE = "SOL_ADMIN_PASSWORD";
  static final int MIN_PASSWORD_LENGTH = 12;
  static final int MAX_PASSWORD_LENGTH = 200;

  private final Users users;
  private final PasswordEncoder passwords;
  private final Environment environment;
  private final PrintStream out;
  private final PrintStream err;
  private int exitCode;
  private String totpSecret;

  CreateAdministratorCommand(Users users, PasswordEncoder passwords, Environment environment) {
    this.users = users;
    this.passwords = passwords;
    this.environment = environment;
    this.out = System.out;
    this.err = System.err;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!args.containsOption(Commands.CREATE_ADMIN)) {
      return;
    }
    List<String> values = args.getOptionValues(Commands.CREATE_ADMIN);
    if (values.size() != 1 || !Username.isValid(values.get(0))) {
      fail(
          2,
          "Usage : java -jar sol.jar --create-admin=NOM (2 à 63 caractères : minuscules, chiffres,"
              + " '.', '_' ou '-').");
      return;
    }
    String username = values.get(0);
    if (users.exists(username)) {
      fail(1, "L'utilisateur « " + username + " » existe déjà ; rien n'a été modifié.");
      return;
    }
    Optional<char[]> password = readPassword();
    if (password.isEmpty()) {
      return;
    }
    char[] secret = password.get();
    try {
      if (secret.length < MIN_PASSWORD_LENGTH || secret.length > MAX_PASSWORD_LENGTH) {
        fail(
            1,
            "Le mot de passe doit compter de "
                + MIN_PASSWORD_LENGTH
                + " à "
                + MAX_PASSWORD_LENGTH
                + " caractères.");
        return;
      }
      String hash = passwords.encode(new String(secret));
      totpSecret = TotpSecret.generate(new SecureRandom());
      if (users
          .create(
              new NewUser(username, username, hash, totpSecret, List.of(RoleGrant.administrator())))
          .isEmpty()) {
        // created meanwhile
        fail(1, "L'utilisateur « " + username + " » existe déjà ; rien n'a été modifié.");
        return;
      }
    } finally {
      Arrays.fill(secret, '\0');
    }
    out.println("Administrateur « " + username + " » créé. Démarrez SOL et connectez-vous avec.");
    // The second factor is required at every login of an administrator: the secret is shown this
    // once, for an authenticator app, and is not logged.
    out.println("Secret TOTP (à saisir dans une application d'authentification) : " + totpSecret);
    out.println(
        "  otpauth://totp/SOL:"
            + username
            + "?secret="
            + totpSecret
            + "&issuer=SOL&algorithm=SHA1&digits=6&period=30");
    exitCode = 0;
  }

  /** The password from the environment, else from the terminal; empty (and a message) if none. */
  private Optional<char[]> readPassword() {
    String fromEnvironment = environment.getProperty(PASSWORD_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
      return Optional.of(fromEnvironment.toCharArray());
    }
    Console console = System.console();
    if (console == null || !isTerminal(console)) {
      fail(
          2,
          "Aucun mot de passe : définissez la variable d'environnement "
              + PASSWORD_VARIABLE
              + " ou lancez la commande dans un terminal.");
      return Optional.empty();
    }
    char[] first = console.readPassword("Mot de passe de l'administrateur : ");
    char[] second = console.readPassword("Confirmez le mot de passe : ");
    boolean same = first != null && second != null && Arrays.equals(first, second);
    if (second != null) {
      Arrays.fill(second, '\0');
    }
    if (!same) {
      if (first != null) {
        Arrays.fill(first, '\0');
      }
      fail(1, "Les deux saisies diffèrent ; rien n'a été créé.");
      return Optional.empty();
    }
    return Optional.of(first);
  }

  /**
   * Since Java 22, {@link System#console()} may return a console even when input is redirected;
   * {@code Console.isTerminal()} (Java 22+, called reflectively as we compile for 17) tells.
   */
  private static boolean isTerminal(Console console) {
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException beforeJava22) {
      return true;
    }
  }

  private void fail(int code, String message) {
    err.println(message);
    exitCode = code;
  }

  @Override
  public int getExitCode() {
    return exitCode;
  }
}
