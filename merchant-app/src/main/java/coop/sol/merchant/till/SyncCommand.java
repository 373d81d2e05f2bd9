package coop.sol.merchant.till;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sync}: sends the charges queued offline (the ledger decides each), then, with {@code
 * --account}, fetches the member cards' revocation list of the account's network and keeps it with
 * the time of the sync, for the cards the till accepts offline.
 */
@Command(
    name = "sync",
    description =
        "Envoyer les encaissements mis en file hors ligne ; avec --account, mettre à jour la liste"
            + " de révocation des cartes SOL.")
final class SyncCommand implements Callable<Integer> {
  @ParentCommand SolTill till;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    OfflineQueue queue = till.queue();
    int listed = syncRevocations(out);
    if (queue.all().isEmpty()) {
      out.println("File vide : rien à envoyer.");
      return listed;
    }
    QueueSender.Report report = new QueueSender(till.api(spec), queue, out).send(false);
    out.printf(
        "Envoyés : %d encaissé(s), %d refusé(s), %d en attente.%n",
        report.charged(), report.refused(), report.waiting());
    if (report.waiting() > 0) {
      return Exit.UNREACHABLE;
    }
    return report.refused() > 0 ? Exit.REFUSED : listed;
  }

  /** Fetches the revocation list if the account is known; what it came to, as an exit code. */
  private int syncRevocations(PrintWriter out) {
    Optional<Long> account = till.accountIfGiven();
    if (account.isEmpty()) {
      return Exit.OK;
    }
    try {
      RevocationList.Snapshot list = till.revocations().sync(till.api(spec), account.get());
      out.printf(
          "Liste de révocation des cartes à jour (%d carte(s), plafond hors ligne %s SOL, %s).%n",
          list.cards().size(), list.offlineCap(), list.syncedAt());
      return Exit.OK;
    } catch (TillApi.Unreachable offline) {
      out.println("API injoignable : liste de révocation des cartes non mise à jour.");
      return Exit.UNREACHABLE;
    } catch (TillApi.Refused refusal) {
      out.printf(
          "Liste de révocation des cartes refusée (%s) : %s%n", refusal.code(), refusal.detail());
      return Exit.REFUSED;
    }
  }
}
