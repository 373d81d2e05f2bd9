package coop.sol.ledger.transfer;

/** What became of a submitted transfer: posted (durably), or rejected with a reason. */
public sealed interface TransferOutcome {

  /**
   * The transfer is in the journal and durable.
   *
   * @param replayed true when this answers a retry: the transfer was posted by an earlier
   *     submission with the same key and content
   */
  record Posted(Transfer transfer, boolean replayed) implements TransferOutcome {}

  /** Nothing was written for this transfer. */
  record Rejected(RejectionReason reason) implements TransferOutcome {}

  default boolean isPosted() {
    return this instanceof Posted;
  }
}
