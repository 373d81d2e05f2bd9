package coop.sol.web.payment;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.payment.PayTokenStore;
import coop.sol.ledger.payment.PaymentRequestStore;
import coop.sol.web.database.InstanceBroadcasts;
import coop.sol.web.database.InstanceBroadcasts.Topic;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * ledger-core's payment requests and pay tokens (their stores and the rules of their use), one of
 * each for the application; a request's changes of state are told to the tills watching it, on this
 * instance and, through {@link InstanceBroadcasts}, on the others.
 */
@Configuration(proxyBeanMethods = false)
class PaymentStores {
  @Bean
  coop.sol.ledger.payment.PaymentRequests ledgerPaymentRequests(
      PaymentRequestStore store,
      Operations operations,
      Ledger ledger,
      Clock clock,
      PaymentRequestEvents events,
      InstanceBroadcasts broadcasts) {
    return new coop.sol.ledger.payment.PaymentRequests(
        store,
        operations.payments(),
        ledger.transfers(),
        clock,
        requestId -> {
          events.changed(requestId);
          // the tills watching it from other instances
          broadcasts.publish(Topic.PAYMENT_REQUESTS, requestId);
        });
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
