package coop.sol.ledger.transfer;

import static coop.sol.ledger.testing.LedgerFixture.key;
import static coop.sol.ledger.testing.LedgerFixture.sol;
import static coop.sol.ledger.testing.TestDatabase.execute;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.testing.LedgerFixture;
import coop.sol.ledger.transfer.TransferOutcome.Posted;
import coop.sol.ledger.transfer.TransferOutcome.Rejected;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Commands the database refuses for what they hold (a NUL in a memo, which PostgreSQL's text cannot
 * store; a value a constraint forbids) come in the same batches as ordinary payments of other
 * payers: the writer refuses them alone (REFUSED_BY_DATABASE) and posts every other one, instead of
 * failing the batch as "unavailable" and retrying it.
 */
class PoisonIsolationIT {

  /** Batches gather what arrives within 50 ms: the poison lands in batches with the others. */
  private static final WriterSettings BATCHING =
      new WriterSettings(1_000, 20_000, Duration.ofMillis(50), Duration.ofSeconds(10));

  @Test
  void poisoned_commands_are_refused_alone_and_every_ordinary_payment_posts() {
    try (LedgerFixture fx = LedgerFixture.create(BATCHING, Clock.systemUTC())) {
      // a rule only the database knows: what the writer cannot foresee, and a retry cannot cure
      execute(fx.dataSource, "ALTER TABLE transfer ADD CONSTRAINT poison CHECK (amount <> 666)");
      Account shop = fx.aMerchant().open();
      List<Account> payers = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        payers.add(fx.aMember().withBalance("20.00"));
      }
      Account poisoner = fx.aMember().withBalance("1000.00");

      List<CompletableFuture<TransferOutcome>> ordinary = new ArrayList<>();
      List<CompletableFuture<TransferOutcome>> poisoned = new ArrayList<>();
      List<TransferCommand> poisonCommands = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        ordinary.add(
            fx.ledger.transfers().submit(fx.network.id(), pay(payers.get(i), shop, "1.00")));
        if (i % 3 == 0) {
          TransferCommand poison =
              i % 2 == 0
                  ? pay(poisoner, shop, "1.00").withMemo("nul \u0000 ici")
                  : pay(poisoner, shop, "6.66");
          poisonCommands.add(poison);
          poisoned.add(fx.ledger.transfers().submit(fx.network.id(), poison));
        }
      }

      assertThat(ordinary).allSatisfy(f -> assertThat(f.join()).isInstanceOf(Posted.class));
      assertThat(poisoned)
          .hasSize(34)
          .allSatisfy(
              f ->
                  assertThat(f.join())
                      .isEqualTo(new Rejected(RejectionReason.REFUSED_BY_DATABASE)));
      assertThat(fx.balance(shop).posted()).isEqualTo(100 * 100);
      assertThat(fx.balance(poisoner).posted()).isEqualTo(100_000);
      // refused for what it holds: the same command again is refused again, and still alone
      assertThat(fx.ledger.transfers().execute(fx.network.id(), poisonCommands.get(0)))
          .isEqualTo(new Rejected(RejectionReason.REFUSED_BY_DATABASE));
      assertThat(fx.pay(poisoner, shop, "1.00")).isInstanceOf(Posted.class);
      fx.assertInvariants();
    }
  }

  @Test
  void a_poisoned_command_in_a_linked_list_refuses_the_list_and_nothing_of_it_posts() {
    try (LedgerFixture fx = LedgerFixture.create(BATCHING, Clock.systemUTC())) {
      Account alice = fx.aMember().withBalance("20.00");
      Account shop = fx.aMerchant().open();
      var outcomes =
          fx.ledger
              .transfers()
              .executeLinked(
                  fx.network.id(),
                  List.of(pay(alice, shop, "1.00"), pay(alice, shop, "2.00").withMemo("\u0000")));

      assertThat(outcomes).containsOnly(new Rejected(RejectionReason.REFUSED_BY_DATABASE));
      assertThat(fx.balance(alice).posted()).isEqualTo(2_000);
      fx.assertInvariants();
    }
  }

  private static TransferCommand pay(Account from, Account to, String amount) {
    return TransferCommand.posted(
        key(), from.strand(), from.id(), to.id(), sol(amount), TransferCode.PAYMENT);
  }
}
