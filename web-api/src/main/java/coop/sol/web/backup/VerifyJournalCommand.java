package coop.sol.web.backup;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.journal.VerificationReport;
import coop.sol.ledger.network.Network;
import coop.sol.web.SolApplication;
import java.io.PrintStream;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar sol.jar --verify-journal}: runs the journal verifier on every network of the
 * database (the data directory's embedded PostgreSQL, or the external one configured) and prints
 * one line per network — the hash chains from genesis, the strand heads, every balance replayed,
 * each strand summing to zero. Exits 0 when every network verifies, 1 otherwise. This is how a
 * restored backup is checked before it is put back into service (docs/reliability.md); with the
 * embedded database, stop the application first (a data directory is opened by one process at a
 * time).
 */
@Component
@Order(0)
class VerifyJournalCommand implements ApplicationRunner, ExitCodeGenerator {
  private final Ledger ledger;
  private final PrintStream out = System.out;
  private int exitCode;

  VerifyJournalCommand(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!args.containsOption(SolApplication.VERIFY_JOURNAL_OPTION)) {
      return;
    }
    int failed = 0;
    var networks = ledger.networks().list();
    for (Network network : networks) {
      VerificationReport report = ledger.verifier().verify(network.id());
      long rows = report.rows().values().stream().mapToLong(Long::longValue).sum();
      if (report.valid()) {
        out.printf("%s : %d écritures vérifiées, OK %s%n", network.code(), rows, report.rows());
      } else {
        failed++;
        out.printf(
            "%s : ANOMALIE %s (%d écritures lues)%n",
            network.code(), report.firstDiscrepancy().orElseThrow(), rows);
      }
    }
    out.printf("%d réseau(x) vérifié(s), %d en anomalie.%n", networks.size(), failed);
    exitCode = failed == 0 ? 0 : 1;
  }

  @Override
  public int getExitCode() {
    return exitCode;
  }
}
