package coop.sol.ledger.journal;

import coop.sol.ledger.network.StrandKind;

/**
 * The first thing found wrong in a journal.
 *
 * @param seq the journal row's place in its strand's chain, or 0 when the discrepancy is not in a
 *     row (a balance, a head, a sum)
 * @param detail what was expected and what was found
 */
public record Discrepancy(Kind kind, StrandKind strand, long seq, String detail) {
  public enum Kind {
    /** A row's seq is not the next one of its strand (a row is missing or extra). */
    SEQUENCE_GAP,
    /** A row's stored hash is not the hash of its content chained to the previous row. */
    HASH_MISMATCH,
    /** The strand's recorded head is not its last row. */
    HEAD_MISMATCH,
    /** A row names a pending transfer that is not an earlier PENDING row of the strand. */
    DANGLING_PENDING,
    /** An account's stored balance differs from the replay of the journal. */
    BALANCE_MISMATCH,
    /** The balances of a strand do not sum to zero. */
    NONZERO_SUM
  }

  @Override
  public String toString() {
    return kind + " in " + strand + (seq > 0 ? " at seq " + seq : "") + ": " + detail;
  }
}
