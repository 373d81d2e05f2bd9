package coop.sol.web.reliability.harness;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import coop.sol.ledger.Ledger;
import coop.sol.ledger.audit.ExportVerifier;
import coop.sol.ledger.audit.JournalExport;
import coop.sol.ledger.db.EmbeddedDatabase;
import coop.sol.ledger.journal.VerificationReport;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.Transfer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ledger of a stopped application, opened as an operator would check it: the embedded
 * PostgreSQL started on the data directory (or on a restored copy), the journal verifier run on
 * every network, and the journal read back.
 */
final class StoppedLedger implements AutoCloseable {
  private final EmbeddedDatabase database;
  private final HikariDataSource pool;
  private final Ledger ledger;

  StoppedLedger(Path postgresDirectory) {
    this.database = EmbeddedDatabase.persistent(postgresDirectory);
    var config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl("postgres"));
    config.setUsername("postgres");
    config.setMaximumPoolSize(3);
    this.pool = new HikariDataSource(config);
    this.ledger =
        new Ledger(
            pool,
            coop.sol.ledger.transfer.WriterSettings.DEFAULTS,
            java.time.Clock.systemUTC(),
            coop.sol.ledger.transfer.WriteObserver.NONE);
  }

  /** The verifier's report for each network, by network code. */
  Map<String, VerificationReport> verifyAll() {
    Map<String, VerificationReport> reports = new LinkedHashMap<>();
    for (Network network : ledger.networks().list()) {
      reports.put(network.code(), ledger.verifier().verify(network.id()));
    }
    return reports;
  }

  /**
   * The offline verifier's result on an audit export of the network {@code code}, written to {@code
   * file} from this database.
   */
  ExportVerifier.Result verifyExport(String code, Path file) {
    Network network = ledger.networks().findByCode(code).orElseThrow();
    try (OutputStream out = Files.newOutputStream(file)) {
      new JournalExport(pool, Clock.systemUTC()).write(network.id(), Map.of(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ExportVerifier(Set.of()).verify(file);
  }

  /** A strand's journal of the network {@code code}, in chain order. */
  List<Transfer> journal(String code, StrandKind strand) {
    Network network = ledger.networks().findByCode(code).orElseThrow();
    List<Transfer> rows = new ArrayList<>();
    ledger.transfers().forEachInJournal(network.id(), strand, rows::add);
    return rows;
  }

  @Override
  public void close() {
    ledger.close();
    pool.close();
    database.close();
  }
}
