package coop.sol.web.payment;

import coop.sol.ledger.payment.PayTokenStore;
import coop.sol.ledger.payment.PaymentRequestStore;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** ledger-core's stores of payment requests and pay tokens, one of each for the application. */
@Configuration(proxyBeanMethods = false)
class PaymentStores {
  @Bean
  PaymentRequestStore paymentRequestStore(DataSource dataSource) {
    return new PaymentRequestStore(dataSource);
  }

  @Bean
  PayTokenStore payTokenStore(DataSource dataSource) {
    return new PayTokenStore(dataSource);
  }
}
