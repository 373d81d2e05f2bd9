package coop.sol.web.report;

import coop.sol.ledger.audit.Checkpoints;
import coop.sol.ledger.audit.InclusionProofs;
import coop.sol.ledger.audit.JournalExport;
import coop.sol.ledger.report.Aggregator;
import coop.sol.ledger.report.CirculationReports;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ledger's report and audit services over the installation's database, on the UTC clock. */
@Configuration(proxyBeanMethods = false)
class ReportsConfiguration {

  @Bean
  @DependsOnDatabaseInitialization
  Aggregator reportAggregator(DataSource dataSource) {
    return new Aggregator(dataSource);
  }

  @Bean
  @DependsOnDatabaseInitialization
  CirculationReports circulationReports(DataSource dataSource, Clock clock) {
    return new CirculationReports(dataSource, clock);
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
  JournalExport journalExport(DataSource dataSource, Clock clock) {
    return new JournalExport(dataSource, clock);
  }
}
