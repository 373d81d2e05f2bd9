package coop.sol.ledger.audit;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferId;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Builds {@link InclusionProof}s: for a transfer, the checkpoint whose segment holds its row, and
 * the Merkle audit path there. Reads the segment's row hashes (at most the checkpointer's
 * maxSegment), never another row's content.
 */
public final class InclusionProofs {
  private final DataSource dataSource;

  public InclusionProofs(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Empty when the transfer does not exist or no checkpoint covers it yet. */
  public Optional<InclusionProof> prove(NetworkId network, TransferId transfer) {
    return AuditStore.snapshot(
        dataSource,
        true,
        store -> {
          var located = store.locate(network, transfer);
          if (located.isEmpty()) {
            return Optional.empty();
          }
          var strand = located.get().strand();
          long seq = located.get().seq();
          Optional<Checkpoint> covering = Checkpoints.covering(store, network, strand, seq);
          if (covering.isEmpty()) {
            return Optional.empty();
          }
          Checkpoint c = covering.get();
          List<byte[]> hashes = store.hashes(network, strand, c.previousSeq(), c.headSeq());
          int index = (int) (seq - c.previousSeq() - 1);
          byte[] previous = index == 0 ? c.previousHash() : hashes.get(index - 1);
          Transfer[] row = new Transfer[1];
          store.rows(network, strand, seq - 1, seq, t -> row[0] = t);
          return Optional.of(
              new InclusionProof(row[0], previous, c.id(), index, MerkleTree.path(hashes, index)));
        });
  }
}
