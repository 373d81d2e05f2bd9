package coop.sol.ledger.transfer;

import coop.sol.ledger.network.NetworkId;
import java.util.List;

/** Hears what the writer does, for metrics. Called on the writer thread: keep it quick. */
public interface WriteObserver {
  WriteObserver NONE = new WriteObserver() {};

  /** A batch was committed with {@code rows} new journal rows, {@code nanos} after it started. */
  default void batchCommitted(NetworkId network, int rows, long nanos) {}

  /** A submission was answered, {@code nanos} after it was queued. */
  default void submissionDecided(List<TransferOutcome> outcomes, long nanos) {}
}
