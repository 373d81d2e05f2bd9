package coop.sol.ledger.report;

import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferKind;
import java.time.Instant;

/** The fields of a journal row that reports read. amount in minor units, > 0. */
record JournalRow(
    StrandKind strand,
    long seq,
    TransferKind kind,
    String code,
    long debit,
    long credit,
    long amount,
    Instant createdAt) {

  static JournalRow of(Transfer t) {
    return new JournalRow(
        t.strand(),
        t.seq(),
        t.kind(),
        t.code().name(),
        t.debit().value(),
        t.credit().value(),
        t.amount(),
        t.createdAt());
  }

  /** Whether the row moves posted money (the rows every report figure is made of). */
  boolean movement() {
    return kind == TransferKind.POSTED || kind == TransferKind.POST_PENDING;
  }
}
