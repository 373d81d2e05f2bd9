package coop.sol.ledger.audit;

import coop.sol.keys.NetworkKey;
import coop.sol.ledger.transfer.JournalHash;
import coop.sol.ledger.transfer.Transfer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Proof that a journal row is under a signed checkpoint, without revealing any other row: the row
 * itself (every field of its canonical encoding, and its hash), the hash of the row before it in
 * the chain, and the Merkle audit path (RFC 6962) from the row's hash to the checkpoint's segment
 * root. Verifying it needs only the proof, the checkpoint and the network's public key ({@link
 * #verify}).
 *
 * @param previousRowHash hash of row seq − 1 (the checkpoint's previous_hash for its first row)
 * @param leafIndex the row's place in the checkpoint's segment: seq − previous_seq − 1
 * @param path sibling hashes from the leaf up
 */
public record InclusionProof(
    Transfer row, byte[] previousRowHash, long checkpointId, long leafIndex, List<byte[]> path) {

  public InclusionProof {
    previousRowHash = previousRowHash.clone();
    path = path.stream().map(byte[]::clone).toList();
  }

  @Override
  public byte[] previousRowHash() {
    return previousRowHash.clone();
  }

  /**
   * Checks the proof against {@code checkpoint}, signed by {@code key} (named by its key id, or by
   * its legacy id for a checkpoint signed before V9). Returns empty when the row is proven to be
   * under the checkpoint, or the first reason it is not.
   */
  public static Optional<String> verify(
      InclusionProof proof, Checkpoint checkpoint, NetworkKey key) {
    if (!SignerIds.names(checkpoint.keyId(), key)) {
      return Optional.of(
          "the checkpoint is signed by key " + checkpoint.keyId() + ", not by " + key.id());
    }
    if (!checkpoint.signedBy(key)) {
      return Optional.of("the checkpoint's signature does not verify with key " + key.id());
    }
    Transfer row = proof.row();
    if (proof.checkpointId() != checkpoint.id()
        || !row.network().equals(checkpoint.network())
        || row.strand() != checkpoint.strand()) {
      return Optional.of(
          "the proof is for checkpoint "
              + proof.checkpointId()
              + " of "
              + row.strand()
              + ", not for "
              + checkpoint);
    }
    if (row.seq() <= checkpoint.previousSeq() || row.seq() > checkpoint.headSeq()) {
      return Optional.of(
          "row seq " + row.seq() + " is outside the checkpoint's segment " + checkpoint);
    }
    if (proof.leafIndex() != row.seq() - checkpoint.previousSeq() - 1) {
      return Optional.of("leaf index " + proof.leafIndex() + " is not row seq " + row.seq());
    }
    if (row.seq() == checkpoint.previousSeq() + 1
        && !Arrays.equals(proof.previousRowHash(), checkpoint.previousHash())) {
      return Optional.of("the previous row hash is not the checkpoint's previous hash");
    }
    byte[] rowHash = JournalHash.chain(proof.previousRowHash(), row);
    if (!Arrays.equals(rowHash, row.hash())) {
      return Optional.of(
          "the row's fields hash to "
              + HexFormat.of().formatHex(rowHash)
              + ", not to its stated hash "
              + HexFormat.of().formatHex(row.hash()));
    }
    byte[] root =
        MerkleTree.rootFromPath(rowHash, proof.leafIndex(), checkpoint.segmentSize(), proof.path());
    if (!MerkleTree.same(root, checkpoint.segmentRoot())) {
      return Optional.of("the audit path does not lead to the checkpoint's segment root");
    }
    return Optional.empty();
  }
}
