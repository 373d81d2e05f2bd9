package coop.sol.web.operation;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.db.ReadSource;
import java.time.Clock;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SOL operations of the installation, over the {@link Ledger} bean and its database. */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

  /**
   * The operations run on the application's clock, as the ledger's writers do: settings take
   * effect, vouchers expire and fonte periods end by it.
   */
  @Bean
  @DependsOnDatabaseInitialization
  Operations operations(Ledger ledger, ReadSource reads, Clock clock) {
    // the directory's searches may read on the replica; everything else on the primary
    return new Operations(ledger, reads, clock);
  }
}
