package coop.sol.ledger.transfer;

import java.util.HashMap;
import java.util.Map;

/**
 * What the writer read from the database to decide a batch: the accounts it touches, the pending
 * transfers it resolves, the transfers it reverses, and stored transfers for keys that turned out
 * to exist already.
 */
final class BatchState {
  final Map<Long, AccountState> accounts = new HashMap<>();
  final Map<Long, PendingState> pendings = new HashMap<>();
  final Map<Long, ReversedState> reversed = new HashMap<>();
  final Map<String, Transfer> storedByKey = new HashMap<>();

  /**
   * Whether the network lets members pay members, as committed when the batch was loaded; read only
   * when the batch has such a payment (true otherwise, and then never asked).
   */
  boolean memberPaymentsAllowed = true;

  /** A pending transfer and, if it was resolved already, the row that resolved it. */
  static final class PendingState {
    final Transfer pending;
    Transfer resolution;

    PendingState(Transfer pending, Transfer resolution) {
      this.pending = pending;
      this.resolution = resolution;
    }
  }

  /** A transfer named as reversed, and the sum of its reversals so far (minor units). */
  static final class ReversedState {
    final Transfer original;
    long reversedSoFar;

    ReversedState(Transfer original, long reversedSoFar) {
      this.original = original;
      this.reversedSoFar = reversedSoFar;
    }
  }
}
