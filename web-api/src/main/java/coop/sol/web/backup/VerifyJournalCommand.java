package coop.sol.web.backup;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.audit.ExportVerifier;
import coop.sol.ledger.audit.JournalExport;
import coop.sol.ledger.db.ReadSource;
import coop.sol.ledger.journal.VerificationReport;
import coop.sol.ledger.network.Network;
import coop.sol.web.installation.Commands;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar sol.jar --verify-journal [--export-dir=DIR]}: checks every network of the
 * database (the data directory's embedded PostgreSQL, or the external one configured) twice, and
 * prints one line per network:
 *
 * <ul>
 *   <li>the journal verifier on the database: hash chains from genesis, strand heads, every balance
 *       replayed, each strand summing to zero;
 *   <li>the offline verifier on an audit export of the network written from the same database
 *       (ledger-core's {@code JournalExport} and {@code ExportVerifier}, trusting the keys in the
 *       export): the same from the file alone, plus the checkpoints' signatures and heads.
 * </ul>
 *
 * The exports are kept in {@code --export-dir} if given (to archive or verify elsewhere with {@code
 * -Pverify-export}), otherwise deleted. Exits 0 when everything verifies, 1 otherwise. This is how
 * a restored backup is checked before it is put back into service (docs/reliability.md); with the
 * embedded database, stop the application first (a data directory is opened by one process at a
 * time).
 */
@Component
@Order(0)
class VerifyJournalCommand implements ApplicationRunner, ExitCodeGenerator {
  static final String EXPORT_DIR_OPTION = "export-dir";

  private final Ledger ledger;
  private final JournalExport export;
  private final PrintStream out = System.out;
  private int exitCode;

  /** The export is written from the primary, never a replica: it checks the database itself. */
  VerifyJournalCommand(Ledger ledger, ReadSource reads, Clock clock) {
    this.ledger = ledger;
    this.export = new JournalExport(reads.primary(), clock);
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    if (!args.containsOption(Commands.VERIFY_JOURNAL)) {
      return;
    }
    List<String> dirs = args.getOptionValues(EXPORT_DIR_OPTION);
    Path keep = dirs == null || dirs.isEmpty() ? null : Path.of(dirs.get(0));
    Path directory =
        keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("sol-verify");
    int failed = 0;
    var networks = ledger.networks().list();
    try {
      for (Network network : networks) {
        VerificationReport report = ledger.verifier().verify(network.id());
        long rows = report.rows().values().stream().mapToLong(Long::longValue).sum();
        Path export = directory.resolve(network.code() + "-export.zip");
        ExportVerifier.Result offline = exportAndVerify(network, export);
        String database =
            report.valid()
                ? "base OK (" + rows + " écritures " + report.rows() + ")"
                : "base : ANOMALIE " + report.firstDiscrepancy().orElseThrow();
        String file =
            offline.valid()
                ? "export vérifié hors ligne OK (" + offline.checked().size() + " contrôles)"
                : "export hors ligne : ANOMALIE " + offline.firstDiscrepancy().orElseThrow();
        out.printf("%s : %s ; %s%n", network.code(), database, file);
        if (!report.valid() || !offline.valid()) {
          failed++;
        }
      }
    } finally {
      if (keep == null) {
        deleteQuietly(directory);
      }
    }
    out.printf("%d réseau(x) vérifié(s), %d en anomalie.%n", networks.size(), failed);
    if (keep != null) {
      out.printf("Exports d'audit dans %s%n", keep.toAbsolutePath());
    }
    exitCode = failed == 0 ? 0 : 1;
  }

  private ExportVerifier.Result exportAndVerify(Network network, Path path) {
    try (OutputStream file = Files.newOutputStream(path)) {
      export.write(network.id(), Map.of(), file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
    return new ExportVerifier(Set.of()).verify(path);
  }

  private static void deleteQuietly(Path directory) {
    try (var entries = Files.list(directory)) {
      for (Path entry : entries.toList()) {
        Files.deleteIfExists(entry);
      }
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      // a temporary directory: the system cleans it eventually
    }
  }

  @Override
  public int getExitCode() {
    return exitCode;
  }
}
