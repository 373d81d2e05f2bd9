package coop.sol.web.report;

import coop.sol.ledger.audit.Checkpoints;
import coop.sol.ledger.audit.InclusionProofs;
import coop.sol.ledger.audit.JournalExport;
import coop.sol.ledger.db.ReadSource;
import coop.sol.ledger.db.ReadSource.Freshness;
import coop.sol.ledger.report.Aggregator;
import coop.sol.ledger.report.CirculationReports;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ledger's report and audit services over the installation's database, on the UTC clock. The
 * reports (and their charts) and the audit export read where reads may lag (the read replica while
 * it is in service, see {@code database.ReplicaReads}); the aggregator and the checkpoints write,
 * on the primary.
 */
@Configuration(proxyBeanMethods = false)
class ReportsConfiguration {

  @Bean
  @DependsOnDatabaseInitialization
  Aggregator reportAggregator(DataSource dataSource) {
    return new Aggregator(dataSource);
  }

  @Bean
  @DependsOnDatabaseInitialization
  CirculationReports circulationReports(ReadSource reads, Clock clock) {
    // reports and charts may lag: on the read replica while it is in service
    return new CirculationReports(reads.of(Freshness.MAY_LAG), clock);
  }

  @Bean
  @DependsOnDatabaseInitialization
  Checkpoints checkpoints(DataSource dataSource, Clock clock) {
    return new Checkpoints(dataSource, clock);
  }

  @Bean
  @DependsOnDatabaseInitialization
  InclusionProofs inclusionProofs(DataSource dataSource) {
    return new InclusionProofs(dataSource);
  }

  @Bean
  @DependsOnDatabaseInitialization
  JournalExport journalExport(ReadSource reads, Clock clock) {
    // exports are one snapshot, which may lag: on the read replica while it is in service
    return new JournalExport(reads.of(Freshness.MAY_LAG), clock);
  }
}
