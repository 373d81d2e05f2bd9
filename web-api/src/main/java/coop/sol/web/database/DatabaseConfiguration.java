package coop.sol.web.database;

import com.zaxxer.hikari.HikariDataSource;
import coop.sol.ledger.Ledger;
import coop.sol.ledger.db.ReadSource;
import coop.sol.ledger.transfer.WriteObserver;
import coop.sol.ledger.transfer.WriterSettings;
import coop.sol.web.installation.SolProperties;
import coop.sol.web.reliability.ReliabilityProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Where the data lives. With an external PostgreSQL configured ({@code SOL_DATABASE_URL} or {@code
 * spring.datasource.url}) Spring Boot builds the connection pool as usual; without one, this starts
 * the embedded PostgreSQL 17 on {@code <data-dir>/postgres}, whose data survives restarts. Either
 * way Flyway (Boot's auto-configuration) applies the migrations before anything uses the database,
 * and the {@link Ledger} runs on that pool.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

  /** The user the embedded server's cluster is initialised with (zonky's initdb default). */
  private static final String EMBEDDED_SUPERUSER = "postgres";

  /** Where the embedded PostgreSQL keeps its cluster in an installation's data directory. */
  static Path postgresDirectory(Path dataDirectory) {
    return dataDirectory.resolve("postgres");
  }

  /** The embedded server, restarted by its watchdog if it dies (see {@link EmbeddedServer}). */
  @Bean(destroyMethod = "close")
  @Conditional(NoExternalDatabaseCondition.class)
  EmbeddedServer embeddedServer(SolProperties sol, DatabaseProperties settings) {
    Path directory = postgresDirectory(sol.dataDirectory());
    log.info("No external database configured: starting the embedded PostgreSQL in {}", directory);
    return EmbeddedServer.start(directory, settings.watchdogInterval());
  }

  /**
   * The pool on the embedded server. It depends on the server bean, so at shutdown Spring closes
   * the pool (and, before it, the ledger that uses it) before it stops the server. Pool settings
   * come from {@code spring.datasource.hikari.*}, as for an external database.
   */
  @Bean(destroyMethod = "close")
  @Conditional(NoExternalDatabaseCondition.class)
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedServer database) {
    return DataSourceBuilder.create()
        .type(HikariDataSource.class)
        .url(database.jdbcUrl("postgres"))
        .username(EMBEDDED_SUPERUSER)
        .password(EMBEDDED_SUPERUSER)
        .build();
  }

  /**
   * The optional read replica ({@code sol.database.replica-url}); without one, every read on the
   * primary. Closed before the primary's pool (it depends on it), after the ledger.
   */
  @Bean(destroyMethod = "close")
  ReplicaReads replicaReads(
      DataSource dataSource, DatabaseProperties settings, Clock clock, MeterRegistry registry) {
    return new ReplicaReads(dataSource, settings, clock, registry);
  }

  /**
   * Where the ledger's services read: the primary, and for reads that may lag the replica while it
   * is in service (see {@link ReplicaReads}).
   */
  @Bean
  ReadSource readSource(ReplicaReads replica) {
    return replica.readSource();
  }

  /**
   * The ledger of the installation. Marked as depending on database initialisation so that Flyway
   * has migrated the schema before anyone can use it. The writers report to every {@link
   * WriteObserver} bean (the metrics, the notices), in order. Every door and operation waits for
   * the ledger's answer at most {@code sol.reliability.ledger-answer-timeout}.
   */
  @Bean(destroyMethod = "close")
  @DependsOnDatabaseInitialization
  Ledger ledger(
      ReadSource reads,
      ObjectProvider<WriteObserver> observer,
      Clock clock,
      ReliabilityProperties reliability) {
    return new Ledger(
        reads,
        WriterSettings.DEFAULTS.withAnswerTimeout(reliability.ledgerAnswerTimeout()),
        clock,
        all(observer.orderedStream().toList()));
  }

  private static WriteObserver all(java.util.List<WriteObserver> observers) {
    if (observers.isEmpty()) {
      return WriteObserver.NONE;
    }
    if (observers.size() == 1) {
      return observers.get(0);
    }
    return new WriteObserver() {
      @Override
      public void batchCommitted(coop.sol.ledger.network.NetworkId network, int rows, long nanos) {
        observers.forEach(o -> o.batchCommitted(network, rows, nanos));
      }

      @Override
      public void submissionDecided(
          java.util.List<coop.sol.ledger.transfer.TransferOutcome> outcomes, long nanos) {
        observers.forEach(o -> o.submissionDecided(outcomes, nanos));
      }
    };
  }
}
