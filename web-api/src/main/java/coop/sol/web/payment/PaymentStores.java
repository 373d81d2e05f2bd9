package coop.sol.web.payment;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.payment.PayTokenStore;
import coop.sol.ledger.payment.PaymentRequestStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * ledger-core's payment requests and pay tokens (their stores and the rules of their use), one of
 * each for the application; a request's changes of state are told to the tills watching it.
 */
@Configuration(proxyBeanMethods = false)
class PaymentStores {
  @Bean
  coop.sol.ledger.payment.PaymentRequests ledgerPaymentRequests(
      PaymentRequestStore store,
      Operations operations,
      Ledger ledger,
      Clock clock,
      PaymentRequestEvents events) {
    return new coop.sol.ledger.payment.PaymentRequests(
        store, operations.payments(), ledger.transfers(), clock, events::changed);
  }

  @Bean
  coop.sol.ledger.payment.PayTokens ledgerPayTokens(
      PayTokenStore store, Operations operations, Ledger ledger, Clock clock) {
    return new coop.sol.ledger.payment.PayTokens(
        store, operations.payments(), ledger.transfers(), clock);
  }

  @Bean
  PaymentRequestStore paymentRequestStore(DataSource dataSource) {
    return new PaymentRequestStore(dataSource);
  }

  @Bean
  PayTokenStore payTokenStore(DataSource dataSource) {
    return new PayTokenStore(dataSource);
  }
}
