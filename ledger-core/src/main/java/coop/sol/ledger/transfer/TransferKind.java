package coop.sol.ledger.transfer;

/**
 * What a journal row does to balances. The byte is part of the hash chain encoding and never
 * changes.
 */
public enum TransferKind {
  /** Moves the amount at once: debits_posted and credits_posted grow. */
  POSTED(1),
  /** Reserves the amount: debits_pending and credits_pending grow until resolved. */
  PENDING(2),
  /** Posts a pending transfer, for its amount or less; the reservation is released. */
  POST_PENDING(3),
  /** Cancels a pending transfer; the reservation is released. */
  VOID_PENDING(4),
  /** Records that a pending transfer reached its timeout; the reservation is released. */
  EXPIRE_PENDING(5);

  private final byte code;

  TransferKind(int code) {
    this.code = (byte) code;
  }

  public byte code() {
    return code;
  }

  /** Whether this row resolves a pending transfer (and so names it). */
  public boolean resolvesPending() {
    return this == POST_PENDING || this == VOID_PENDING || this == EXPIRE_PENDING;
  }
}
