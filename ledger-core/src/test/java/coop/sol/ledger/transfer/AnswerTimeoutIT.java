package coop.sol.ledger.transfer;

import static coop.sol.ledger.testing.LedgerFixture.key;
import static coop.sol.ledger.testing.LedgerFixture.sol;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.testing.LedgerFixture;
import coop.sol.ledger.transfer.TransferOutcome.Posted;
import coop.sol.ledger.transfer.TransferOutcome.Rejected;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every caller waits for the ledger at most the one answer timeout; past it the answer is
 * LEDGER_TIMEOUT, the transfer may still post, and a retry with the same key tells.
 */
class AnswerTimeoutIT {

  @Test
  void a_caller_stops_waiting_after_the_timeout_and_its_retry_finds_what_posted() throws Exception {
    try (LedgerFixture fx = LedgerFixture.create();
        // another instance, whose callers wait 300 ms at most
        Ledger impatient =
            new Ledger(
                fx.dataSource,
                WriterSettings.DEFAULTS.withAnswerTimeout(Duration.ofMillis(300)),
                Clock.systemUTC(),
                WriteObserver.NONE)) {
      Account alice = fx.aMember().withBalance("20.00");
      Account shop = fx.aMerchant().open();
      TransferCommand pay =
          TransferCommand.posted(
              key(), alice.strand(), alice.id(), shop.id(), sol("3.00"), TransferCode.PAYMENT);

      try (Connection blocker = fx.dataSource.getConnection()) {
        // another transaction holds the payee's row: the writer's commit waits for it
        blocker.setAutoCommit(false);
        try (var st = blocker.createStatement()) {
          st.execute(
              "SELECT 1 FROM account WHERE account_id = " + shop.id().value() + " FOR UPDATE");
        }
        // (were the wait unbounded, this thread would wait for its own lock forever)
        assertThat(impatient.transfers().execute(fx.network.id(), pay))
            .isEqualTo(new Rejected(RejectionReason.LEDGER_TIMEOUT));
        blocker.rollback();
      }

      // the impatient instance's writer, holding the network, commits first; the retry (here
      // through the other instance) finds what it posted
      TransferOutcome retried = fx.ledger.transfers().execute(fx.network.id(), pay);
      assertThat(retried).isInstanceOf(Posted.class);
      assertThat(((Posted) retried).replayed()).isTrue();
      assertThat(fx.balance(shop).posted()).isEqualTo(300);
      fx.assertInvariants();
    }
  }
}
