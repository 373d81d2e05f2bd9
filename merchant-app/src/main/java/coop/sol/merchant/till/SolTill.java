package coop.sol.merchant.till;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar sol-till.jar [--url URL] [--token TOKEN] --account ID <command>}: the merchant's
 * till. The options may come before or after the command; the token and URL may also come from
 * {@code SOL_TOKEN} and {@code SOL_URL}.
 */
@Command(
    name = "sol-till",
    mixinStandardHelpOptions = true,
    version = "sol-till 0.1",
    description = "La caisse SOL en ligne de commande : encaisser par QR code, rembourser.",
    subcommands = {
      ChargeCommand.class,
      ScanCommand.class,
      VerifyCommand.class,
      HistoryCommand.class,
      RefundCommand.class,
      CardCommand.class,
      SyncCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nCodes de sortie :%n",
    exitCodeList = {
      "0:fait (payé, encaissé, remboursé, vérifié)",
      "1:refusé (non payé, code invalide, refus du réseau)",
      "2:erreur d'usage",
      "3:API injoignable",
      "4:hors ligne : encaissement mis en file (sync l'enverra)"
    })
public final class SolTill implements Callable<Integer> {

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:SOL_URL:-http://localhost:8080}",
      description = "Adresse de l'API SOL (SOL_URL ; défaut : ${DEFAULT-VALUE})")
  String url;

  @Option(
      names = "--token",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:SOL_TOKEN}",
      description = "Jeton d'accès personnel (SOL_TOKEN), portées read et pay")
  String token;

  @Option(
      names = "--account",
      scope = ScopeType.INHERIT,
      description = "Compte commerçant de la caisse")
  Long account;

  @Option(
      names = "--home",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:SOL_TILL_HOME:-${sys:user.home}/.sol-till}",
      description =
          "Dossier des clés en cache et de la file hors ligne (défaut : ${DEFAULT-VALUE})")
  Path home;

  @Spec CommandSpec spec;

  /** The till's one clock: codes' expiry, the time of a scan, how long to wait for a payment. */
  private final Clock clock;

  /** Where a member card's holder types their PIN. */
  private final PinPad pinPad;

  private SolTill(Clock clock, PinPad pinPad) {
    this.clock = clock;
    this.pinPad = pinPad;
  }

  public static void main(String[] args) {
    System.exit(commandLine(Clock.systemUTC()).execute(args));
  }

  /**
   * The till's command line on {@code clock}, to run with {@code execute(args)} (tests set its out
   * and err, and their own clock); PINs are typed on the terminal.
   */
  public static CommandLine commandLine(Clock clock) {
    return commandLine(clock, PinPad.terminal());
  }

  /** The till's command line, PINs typed on {@code pinPad}. */
  public static CommandLine commandLine(Clock clock, PinPad pinPad) {
    return new CommandLine(new SolTill(clock, pinPad));
  }

  Clock clock() {
    return clock;
  }

  PinPad pinPad() {
    return pinPad;
  }

  RevocationList revocations() {
    return new RevocationList(home, clock);
  }

  /** The account, if the command line gave one. */
  java.util.Optional<Long> accountIfGiven() {
    return account == null || account <= 0
        ? java.util.Optional.empty()
        : java.util.Optional.of(account);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Exit.USAGE;
  }

  TillApi api(CommandSpec command) {
    if (token == null || token.isBlank()) {
      throw new CommandLine.ParameterException(
          command.commandLine(), "Jeton d'accès manquant : --token ou SOL_TOKEN.");
    }
    return new TillApi(url, token);
  }

  long account(CommandSpec command) {
    if (account == null || account <= 0) {
      throw new CommandLine.ParameterException(
          command.commandLine(), "Compte commerçant manquant : --account.");
    }
    return account;
  }

  KeyCache keys() {
    return new KeyCache(home, clock);
  }

  OfflineQueue queue() {
    return new OfflineQueue(home);
  }

  Path home() {
    return home;
  }

  /**
   * Sends what the queue holds before a command does anything else, so that charges taken offline
   * reach the ledger as soon as the network is back. Says nothing when there is nothing to send.
   */
  void sendQueued(CommandSpec command) {
    if (token == null || token.isBlank()) {
      return;
    }
    PrintWriter out = command.commandLine().getOut();
    try {
      if (queue().mayHoldCharges()) {
        new QueueSender(api(command), queue(), out).send(true);
      }
    } catch (java.io.IOException e) {
      command.commandLine().getErr().println("File hors ligne illisible : " + e.getMessage());
    }
  }
}
