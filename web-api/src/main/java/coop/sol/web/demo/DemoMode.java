package coop.sol.web.demo;

import coop.sol.web.installation.Commands;
import coop.sol.web.installation.SolProperties;
import coop.sol.web.user.Role;
import coop.sol.web.user.TotpSecret;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --demo} (or {@code sol.demo=true}): on start, makes sure the demo network exists, with one
 * user per role and balances in every strand, and prints how to log in. Passwords are random per
 * installation and kept in {@code <data-dir>/demo-credentials.json}; they go to standard output for
 * the person who started the demo, never to the log.
 */
@Component
@Order(10)
class DemoMode implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(DemoMode.class);

  /** Unambiguous characters only (no 0/O, 1/l/I), so a printed password can be retyped. */
  private static final String PASSWORD_ALPHABET =
      "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  /** 16 characters of a 56-letter alphabet: about 93 bits, beyond guessing. */
  private static final int PASSWORD_LENGTH = 16;

  private final DemoNetwork demo;
  private final SolProperties sol;
  private final JsonMapper json;
  private final Environment environment;
  private final SecureRandom random = new SecureRandom();
  private final PrintStream out = System.out;

  DemoMode(DemoNetwork demo, SolProperties sol, JsonMapper json, Environment environment) {
    this.demo = demo;
    this.sol = sol;
    this.json = json;
    this.environment = environment;
  }

  @Override
  public void run(ApplicationArguments args) {
    boolean requested = sol.demo() || args.containsOption(Commands.DEMO);
    if (!requested
        || args.containsOption(Commands.CREATE_ADMIN)
        || args.containsOption(Commands.VERIFY_JOURNAL)) {
      return;
    }
    Path file = sol.dataDirectory().resolve(DemoCredentials.FILE_NAME);
    Optional<DemoCredentials> saved = DemoCredentials.read(file, json);
    if (saved.isEmpty() && demo.anyUserExists()) {
      // The users were created with passwords we no longer have; inventing new ones would
      // print logins that do not work.
      out.printf(
          "%nSOL — mode démo : les utilisateurs de démo existent mais %s a disparu ; leurs mots de"
              + " passe ne sont plus connus. Repartez d'un répertoire de données vide pour une"
              + " nouvelle démo.%n%n",
          file);
      return;
    }
    DemoCredentials credentials = saved.orElseGet(this::newCredentials);
    if (saved.isEmpty()) {
      // written before the users exist, so a crash in between cannot lose their passwords
      credentials.write(file, json);
    }
    boolean created = demo.seed(credentials);
    log.info(
        created
            ? "Demo network '{}' created; logins in {}"
            : "Demo network '{}' already present; logins in {}",
        DemoNetwork.CODE,
        file);
    printLogins(credentials, file);
  }

  private DemoCredentials newCredentials() {
    List<DemoLogin> logins =
        DemoPerson.CAST.stream()
            .map(
                person -> {
                  String totp =
                      person.role().requiresSecondFactor() ? TotpSecret.generate(random) : null;
                  return new DemoLogin(
                      person.username(),
                      password(),
                      person.displayName(),
                      person.description(),
                      List.of(person.role().name()),
                      person.role() == Role.ADMINISTRATOR ? null : DemoNetwork.CODE,
                      person.merchantRef(),
                      totp,
                      totp == null ? null : otpauthUri(person.username(), totp));
                })
            .toList();
    return new DemoCredentials(DemoNetwork.CODE, DemoNetwork.NAME, logins);
  }

  private String password() {
    var password = new StringBuilder(PASSWORD_LENGTH);
    for (int i = 0; i < PASSWORD_LENGTH; i++) {
      password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
    }
    return password.toString();
  }

  /** Key URI format of Google Authenticator, understood by most TOTP apps. */
  private static String otpauthUri(String username, String secret) {
    String issuer = URLEncoder.encode(DemoNetwork.NAME, StandardCharsets.UTF_8).replace("+", "%20");
    return "otpauth://totp/"
        + issuer
        + ":"
        + username
        + "?secret="
        + secret
        + "&issuer="
        + issuer
        + "&algorithm=SHA1&digits=6&period=30";
  }

  private void printLogins(DemoCredentials credentials, Path file) {
    String port = environment.getProperty("local.server.port", "8080");
    String url = "http://localhost:" + port;
    var block = new StringBuilder();
    block.append("\n================ SOL — mode démo ================\n");
    block.append("Réseau « ").append(credentials.networkName()).append(" » prêt.\n");
    block.append("Application        : ").append(url).append('\n');
    block.append("Documentation API  : ").append(url).append("/swagger-ui.html\n");
    block.append("Tous les identifiants (chaque rôle) : ").append(file).append('\n');
    for (String username : List.of("alice", "boulangerie", "coord1")) {
      credentials
          .user(username)
          .ifPresent(
              login -> {
                block
                    .append("  ")
                    .append(login.username())
                    .append(" — ")
                    .append(login.description())
                    .append(" — mot de passe : ")
                    .append(login.password());
                if (login.totpSecret() != null) {
                  block.append(" — secret TOTP : ").append(login.totpSecret());
                }
                block.append('\n');
              });
    }
    block.append("=================================================\n");
    out.println(block);
  }
}
