package coop.sol.merchant.till;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sync}: sends the charges queued offline; the ledger decides each. */
@Command(name = "sync", description = "Envoyer les encaissements mis en file hors ligne.")
final class SyncCommand implements Callable<Integer> {
  @ParentCommand SolTill till;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    OfflineQueue queue = till.queue();
    if (queue.all().isEmpty()) {
      out.println("File vide : rien à envoyer.");
      return Exit.OK;
    }
    QueueSender.Report report = new QueueSender(till.api(spec), queue, out).send(false);
    out.printf(
        "Envoyés : %d encaissé(s), %d refusé(s), %d en attente.%n",
        report.charged(), report.refused(), report.waiting());
    if (report.waiting() > 0) {
      return Exit.UNREACHABLE;
    }
    return report.refused() > 0 ? Exit.REFUSED : Exit.OK;
  }
}
