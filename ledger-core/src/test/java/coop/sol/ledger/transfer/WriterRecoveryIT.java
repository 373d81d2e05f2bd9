package coop.sol.ledger.transfer;

import static coop.sol.ledger.testing.TestDatabase.execute;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.testing.LedgerFixture;
import coop.sol.ledger.transfer.TransferOutcome.Posted;
import org.junit.jupiter.api.Test;

/** The writer's connection dies (a database restart, a network cut): it reconnects by itself. */
class WriterRecoveryIT {

  @Test
  void a_killed_writer_connection_is_replaced_and_nothing_is_lost_or_doubled() {
    try (LedgerFixture fx = LedgerFixture.create()) {
      Account alice = fx.aMember().withBalance("100.00");
      Account shop = fx.aMerchant().open();
      Transfer before = ((Posted) fx.pay(alice, shop, "1.00")).transfer();

      // terminate every backend of this database but ours: the writer's among them
      execute(
          fx.dataSource,
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
      // the test's own reads go through a pool whose idle connections died too: let it replace them
      fx.dataSource.getHikariPoolMXBean().softEvictConnections();

      var pay =
          TransferCommand.posted(
              LedgerFixture.key(),
              before.strand(),
              alice.id(),
              shop.id(),
              LedgerFixture.sol("2.00"),
              TransferCode.PAYMENT);
      TransferOutcome after = fx.ledger.transfers().execute(fx.network.id(), pay);
      assertThat(after.isPosted()).as("%s", after).isTrue();
      assertThat(fx.ledger.transfers().execute(fx.network.id(), pay))
          .isEqualTo(new Posted(((Posted) after).transfer(), true));
      assertThat(fx.balance(shop).posted()).isEqualTo(300);
      fx.assertInvariants();
    }
  }
}
