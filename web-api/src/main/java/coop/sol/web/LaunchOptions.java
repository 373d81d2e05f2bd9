package coop.sol.web;

import coop.sol.web.installation.Commands;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@code java -jar sol.jar}, read before anything starts: SOL's own options
 * ({@code --demo}, {@code --create-admin=NAME}, {@code --verify-journal}, {@code --help}), parsed
 * by picocli, and Spring's properties ({@code --server.port=9090}, {@code
 * --spring.datasource.url=...}, {@code --SOL_DATA_DIR=...}), passed to Spring as they are. {@code
 * --help} prints the usage and exits 0 without starting anything; an unknown option, an argument
 * that is not an option, or a misspelt one is refused with the usage and exit code 2, rather than
 * silently ignored by a server that then starts with its data in the current directory.
 */
@Command(
    name = "java -jar sol.jar",
    sortOptions = false,
    usageHelpAutoWidth = true,
    headerHeading = "",
    header = "SOL : le grand livre d'un réseau de monnaie complémentaire.",
    synopsisHeading = "%nUsage : ",
    customSynopsis = {
      "java -jar sol.jar [--demo] [--propriété=valeur...]",
      "       java -jar sol.jar --create-admin=NOM [--propriété=valeur...]",
      "       java -jar sol.jar --verify-journal [--propriété=valeur...]"
    },
    descriptionHeading = "%n",
    description = {
      "Sans commande, sert l'application web (API, pages) jusqu'à Ctrl-C ; avec une commande,"
          + " la fait sur les mêmes données et s'arrête."
    },
    optionListHeading = "%nOptions :%n",
    footerHeading =
        "%nRéglages principaux (--propriété=valeur, ou la variable d'environnement) :%n",
    footer = {
      "  --sol.data-dir=DIR, SOL_DATA_DIR",
      "      les données : PostgreSQL embarqué, sauvegardes (./data)",
      "  --server.port=PORT, SERVER_PORT",
      "      le port HTTP (8080)",
      "  --spring.datasource.url=URL, SOL_DATABASE_URL",
      "      un PostgreSQL externe (jdbc:postgresql://hôte:5432/sol), avec",
      "      SOL_DATABASE_USER et SOL_DATABASE_PASSWORD ; sans : le PostgreSQL embarqué",
      "  --sol.public-url=URL, SOL_PUBLIC_URL",
      "      l'adresse publique de l'installation, pour les QR codes",
      "  --sol.keys.passphrase=..., SOL_KEYS_PASSPHRASE",
      "      chiffre les clés de signature des réseaux",
      "  --sol.backup.cron=CRON, SOL_BACKUP_CRON",
      "      les sauvegardes en ligne planifiées",
      "  SOL_ADMIN_PASSWORD",
      "      le mot de passe pour --create-admin",
      "Toute propriété de SOL ou de Spring Boot (un nom avec un point) est acceptée ;",
      "la liste complète est dans README.md, « Configuration ».",
      "",
      "Codes de sortie : 0 fait ; 1 refusé (utilisateur existant, journal invalide,",
      "données déjà ouvertes par une instance en cours...) ; 2 erreur d'usage."
    })
final class LaunchOptions {
  /** Exit code of a usage error. */
  static final int USAGE = 2;

  /**
   * A Spring property: a name with a dot ({@code server.port}, {@code sol.data-dir}), or in the
   * environment's upper case ({@code SOL_DATA_DIR}, which application.yml reads); with or without a
   * value. Also Spring Boot's {@code --debug} and {@code --trace}.
   */
  private static final Pattern SPRING_PROPERTY =
      Pattern.compile(
          "--(([^=\\s]*\\.[^=\\s]*)|([A-Z][A-Z0-9_]*)|debug|trace)(=.*)?", Pattern.DOTALL);

  @Option(
      names = "--demo",
      description =
          "Crée au démarrage le réseau de démonstration s'il manque (identifiants dans"
              + " <données>/demo-credentials.json).")
  boolean demo;

  @Option(
      names = "--create-admin",
      paramLabel = "NOM",
      description =
          "Crée un administrateur (mot de passe : SOL_ADMIN_PASSWORD, sinon demandé),"
              + " puis s'arrête. L'application doit être arrêtée.")
  String createAdmin;

  @Option(
      names = "--verify-journal",
      description =
          "Vérifie le journal de chaque réseau (chaînes de hachage, soldes, export"
              + " d'audit), puis s'arrête : 0 seulement si tout est vérifié. L'application doit être"
              + " arrêtée.")
  boolean verifyJournal;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Affiche cette aide et s'arrête.")
  boolean help;

  /**
   * What {@code main} does with {@code args}.
   *
   * @param exitCode present when nothing is to start: 0 after the usage, 2 after a usage error
   * @param springArgs the arguments for Spring: the properties as given, SOL's options written as
   *     its runners read them ({@code --create-admin=NAME})
   */
  record Launch(Integer exitCode, String[] springArgs) {
    boolean starts() {
      return exitCode == null;
    }
  }

  static Launch parse(String[] args, PrintWriter out, PrintWriter err) {
    List<String> spring = new ArrayList<>();
    List<String> ours = new ArrayList<>();
    for (String arg : args) {
      (SPRING_PROPERTY.matcher(arg).matches() ? spring : ours).add(arg);
    }
    LaunchOptions options = new LaunchOptions();
    CommandLine command = new CommandLine(options);
    command.setOut(out);
    command.setErr(err);
    try {
      command.parseArgs(ours.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      return usageError(command, err, e.getMessage());
    }
    if (options.help) {
      command.usage(out);
      out.flush();
      return new Launch(0, new String[0]);
    }
    if (options.createAdmin != null && options.verifyJournal) {
      return usageError(
          command, err, "--create-admin et --verify-journal : une commande à la fois.");
    }
    if (options.demo) {
      spring.add("--" + Commands.DEMO);
    }
    if (options.createAdmin != null) {
      spring.add("--" + Commands.CREATE_ADMIN + "=" + options.createAdmin);
    }
    if (options.verifyJournal) {
      spring.add("--" + Commands.VERIFY_JOURNAL);
    }
    return new Launch(null, spring.toArray(String[]::new));
  }

  private static Launch usageError(CommandLine command, PrintWriter err, String message) {
    err.println(message);
    err.println();
    command.usage(err);
    err.flush();
    return new Launch(USAGE, new String[0]);
  }
}
