package coop.sol.web.notice;

import coop.sol.ledger.notice.Notices;
import javax.sql.DataSource;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ledger core's notices, on the application's database. */
@Configuration(proxyBeanMethods = false)
class NoticeConfiguration {
  @Bean
  @DependsOnDatabaseInitialization
  Notices notices(DataSource dataSource) {
    return new Notices(dataSource);
  }
}
