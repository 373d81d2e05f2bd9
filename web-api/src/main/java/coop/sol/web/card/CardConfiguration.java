package coop.sol.web.card;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.card.CardStore;
import coop.sol.ledger.card.Cards;
import coop.sol.web.audit.AuditLog;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** ledger-core's member cards, one for the application. */
@Configuration(proxyBeanMethods = false)
class CardConfiguration {
  @Bean
  Cards cards(
      DataSource dataSource,
      Ledger ledger,
      Operations operations,
      Clock clock,
      AuditLog audit,
      @Value("${sol.cards.zone:Europe/Paris}") String zone) {
    return new Cards(
        new CardStore(dataSource),
        ledger.accounts(),
        operations.payments(),
        ledger.transfers(),
        clock,
        ZoneId.of(zone),
        new SecureRandom(),
        new CardAudit(audit));
  }
}
