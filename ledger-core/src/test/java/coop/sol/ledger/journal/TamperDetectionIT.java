package coop.sol.ledger.journal;

import static coop.sol.ledger.testing.TestDatabase.execute;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.testing.LedgerFixture;
import coop.sol.ledger.transfer.JournalHash;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferOutcome.Posted;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A database superuser changes the journal behind the ledger's back; the verifier notices. */
class TamperDetectionIT {
  LedgerFixture fx;
  Account alice;
  Account shop;
  Transfer second;
  Transfer third;

  @BeforeEach
  void aJournalWithAFewTransfers() {
    fx = LedgerFixture.create();
    alice = fx.aMember().withBalance("100.00");
    shop = fx.aMerchant().open();
    fx.pay(alice, shop, "10.00");
    second = ((Posted) fx.pay(alice, shop, "20.00")).transfer();
    third = ((Posted) fx.pay(alice, shop, "30.00")).transfer();
    fx.assertInvariants();
    // what a superuser can do: switch the append-only trigger off
    execute(fx.dataSource, "ALTER TABLE transfer DISABLE TRIGGER USER");
  }

  @AfterEach
  void close() {
    fx.close();
  }

  Discrepancy first() {
    var report = fx.ledger.verifier().verify(fx.network.id());
    assertThat(report.valid()).as("verification of a tampered journal").isFalse();
    return report.firstDiscrepancy().orElseThrow();
  }

  @Test
  void a_changed_amount_breaks_the_hash_of_its_row() {
    execute(fx.dataSource, "UPDATE transfer SET amount = 1 WHERE transfer_id = " + second.id());

    Discrepancy d = first();
    assertThat(d.kind()).isEqualTo(Discrepancy.Kind.HASH_MISMATCH);
    assertThat(d.strand()).isEqualTo(StrandKind.COOPERATION);
    assertThat(d.seq()).isEqualTo(second.seq());
    assertThat(d.detail()).contains("transfer " + second.id());
  }

  @Test
  void a_row_rewritten_with_a_recomputed_hash_breaks_the_next_row() {
    Transfer forged =
        new Transfer(second.network(), second.id(), second.strand(), second.seq(), second.kind(), second.debit(), second.credit(),
            1, second.code(), second.key(), second.pendingId(), second.reverses(), second.expiresAt(), second.reference(),
            second.memo(), second.createdAt(), second.hash());
    Transfer first = fx.ledger.transfers().history(fx.network.id(), shop.id(), coop.sol.ledger.transfer.HistoryQuery.latest(10)).get(2);
    byte[] forgedHash = JournalHash.chain(first.hash(), forged);
    execute(fx.dataSource, "UPDATE transfer SET amount = 1, hash = '\\x" + HexFormat.of().formatHex(forgedHash) + "' WHERE transfer_id = " + second.id());

    Discrepancy d = first();
    assertThat(d.kind()).isEqualTo(Discrepancy.Kind.HASH_MISMATCH);
    assertThat(d.seq()).isEqualTo(third.seq());
  }

  @Test
  void a_deleted_row_leaves_a_gap() {
    execute(fx.dataSource, "DELETE FROM transfer WHERE transfer_id = " + second.id());

    Discrepancy d = first();
    assertThat(d.kind()).isEqualTo(Discrepancy.Kind.SEQUENCE_GAP);
    assertThat(d.seq()).isEqualTo(third.seq());
  }

  @Test
  void a_deleted_last_row_no_longer_matches_the_head() {
    execute(fx.dataSource, "DELETE FROM transfer WHERE transfer_id = " + third.id());

    assertThat(first().kind()).isEqualTo(Discrepancy.Kind.HEAD_MISMATCH);
  }

  @Test
  void a_balance_changed_without_a_transfer_is_found() {
    execute(fx.dataSource, "UPDATE account SET credits_posted = credits_posted + 100 WHERE account_id = " + shop.id());

    Discrepancy d = first();
    assertThat(d.kind()).isEqualTo(Discrepancy.Kind.BALANCE_MISMATCH);
    assertThat(d.detail()).contains("account " + shop.id());
  }

  @Test
  void money_moved_consistently_between_balances_is_still_found() {
    // both balances changed so the strand still sums to zero: only the replay can tell
    execute(fx.dataSource, "UPDATE account SET credits_posted = credits_posted + 500 WHERE account_id = " + shop.id());
    execute(fx.dataSource, "UPDATE account SET credits_posted = credits_posted - 500 WHERE account_id = " + alice.id());

    assertThat(first().kind()).isEqualTo(Discrepancy.Kind.BALANCE_MISMATCH);
  }
}
