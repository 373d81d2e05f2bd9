package coop.sol.ledger.journal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.Balance;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.JournalHash;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.ledger.transfer.TransferKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The replay on its own: a small hand-made journal, then the same journal altered. */
class JournalReplayTest {
  static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  /** A valid chain: issue 100 to account 2, pay 30 to 3, reserve 20 to 3 and post 15. */
  static List<Transfer> journal() {
    var rows = new ArrayList<Transfer>();
    byte[] prev = JournalHash.genesis();
    Object[][] spec = {
      {TransferKind.POSTED, 1L, 2L, 100L, null},
      {TransferKind.POSTED, 2L, 3L, 30L, null},
      {TransferKind.PENDING, 2L, 3L, 20L, null},
      {TransferKind.POST_PENDING, 2L, 3L, 15L, 13L},
    };
    for (int i = 0; i < spec.length; i++) {
      Transfer t =
          row(
              i + 1,
              (TransferKind) spec[i][0],
              (Long) spec[i][1],
              (Long) spec[i][2],
              (Long) spec[i][3],
              (Long) spec[i][4],
              new byte[32]);
      byte[] hash = JournalHash.chain(prev, t);
      rows.add(withHash(t, hash));
      prev = hash;
    }
    return rows;
  }

  static Transfer row(
      long seq,
      TransferKind kind,
      long debit,
      long credit,
      long amount,
      Long pending,
      byte[] hash) {
    return new Transfer(
        new NetworkId(1),
        new TransferId(10 + seq),
        StrandKind.COOPERATION,
        seq,
        kind,
        new AccountId(debit),
        new AccountId(credit),
        amount,
        TransferCode.PAYMENT,
        new IdempotencyKey("k" + seq),
        Optional.ofNullable(pending).map(TransferId::new),
        Optional.empty(),
        Optional.empty(),
        "",
        "",
        T,
        hash);
  }

  static Transfer withHash(Transfer t, byte[] hash) {
    return row(
        t.seq(),
        t.kind(),
        t.debit().value(),
        t.credit().value(),
        t.amount(),
        t.pendingId().map(TransferId::value).orElse(null),
        hash);
  }

  static JournalReplay replay(List<Transfer> rows) {
    var replay = new JournalReplay(StrandKind.COOPERATION);
    rows.forEach(replay::accept);
    return replay;
  }

  @Test
  void replays_balances_and_the_chain_head() {
    var rows = journal();
    var replay = replay(rows);

    assertThat(replay.discrepancy()).isEmpty();
    assertThat(replay.lastSeq()).isEqualTo(4);
    assertThat(replay.lastHash()).isEqualTo(rows.get(3).hash());
    assertThat(replay.balance(1)).isEqualTo(new Balance(100, 0, 0, 0));
    assertThat(replay.balance(2)).isEqualTo(new Balance(45, 100, 0, 0));
    assertThat(replay.balance(3)).isEqualTo(new Balance(0, 45, 0, 0));
    assertThat(replay.balance(99)).isEqualTo(Balance.ZERO);
    assertThat(replay.accountIds()).containsExactlyInAnyOrder(1L, 2L, 3L);
  }

  @Test
  void an_altered_amount_is_a_hash_mismatch_at_its_row() {
    var rows = journal();
    Transfer t = rows.get(1);
    rows.set(1, row(t.seq(), t.kind(), t.debit().value(), t.credit().value(), 31, null, t.hash()));

    Discrepancy d = replay(rows).discrepancy().orElseThrow();
    assertThat(d.kind()).isEqualTo(Discrepancy.Kind.HASH_MISMATCH);
    assertThat(d.seq()).isEqualTo(2);
    assertThat(d.detail()).contains("transfer 12");
  }

  @Test
  void a_missing_row_is_a_gap_and_rows_after_a_discrepancy_are_ignored() {
    var rows = journal();
    rows.remove(1);

    var replay = replay(rows);
    assertThat(replay.discrepancy().orElseThrow().kind()).isEqualTo(Discrepancy.Kind.SEQUENCE_GAP);
    assertThat(replay.discrepancy().orElseThrow().seq()).isEqualTo(3);
    assertThat(replay.lastSeq()).isEqualTo(1);
  }

  @Test
  void a_resolution_of_an_unknown_pending_transfer_is_dangling() {
    var rows = new ArrayList<Transfer>();
    Transfer t = row(1, TransferKind.VOID_PENDING, 2, 3, 5, 77L, new byte[32]);
    rows.add(withHash(t, JournalHash.chain(JournalHash.genesis(), t)));

    assertThat(replay(rows).discrepancy().orElseThrow().kind())
        .isEqualTo(Discrepancy.Kind.DANGLING_PENDING);
  }
}
