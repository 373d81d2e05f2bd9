package coop.sol.ledger.audit;

import coop.sol.keys.NetworkKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A network's signed statement about one strand's hash chain: "the rows after {@code previousSeq}
 * up to {@code headSeq} are these (their Merkle root is {@code segmentRoot}), the chain's head is
 * then {@code headHash}, and the posted balances sum to these totals per owner kind". The
 * checkpoints of a strand form one line: each starts where the previous one ended ({@code
 * previousSeq}, {@code previousHash}), the first at the genesis (0 and 32 zero bytes).
 *
 * <p>The signed bytes ({@link #signedBytes()}), big-endian:
 *
 * <pre>
 *   ascii "SOL-CHECKPOINT"   u8 version = 1
 *   i64 network_id   i16 strand_id   i64 checkpoint_id
 *   i64 previous_seq   32 bytes previous_hash
 *   i64 head_seq       32 bytes head_hash      32 bytes segment_root
 *   u8 6, then i64 total per owner kind in the order MEMBER, MERCHANT, ASSOCIATION, FUNDER,
 *       EXCHANGE_OFFICE, SYSTEM
 *   i64 taken_at (microseconds since the epoch)
 *   u16 length + UTF-8 key_id
 * </pre>
 *
 * <p>{@code key_id} is the signing key's {@link coop.sol.keys.KeyId} in 8 hex digits; a checkpoint
 * signed before migration V9 carries, and verifies with, the key's 16-digit legacy id instead (see
 * {@link SignerIds}).
 *
 * @param totals posted balances (credits − debits) summed per owner kind after head_seq, minor
 *     units; they sum to zero
 * @param keyId the signing key's id as signed: 8 hex digits (16 before V9)
 * @param signature Ed25519 signature of {@link #signedBytes()} by the key {@code keyId}
 */
public record Checkpoint(
    NetworkId network,
    long id,
    StrandKind strand,
    long previousSeq,
    byte[] previousHash,
    long headSeq,
    byte[] headHash,
    byte[] segmentRoot,
    Map<OwnerKind, Long> totals,
    Instant takenAt,
    String keyId,
    byte[] signature) {

  public static final byte VERSION = 1;

  public Checkpoint {
    previousHash = previousHash.clone();
    headHash = headHash.clone();
    segmentRoot = segmentRoot.clone();
    signature = signature.clone();
    var all = new EnumMap<OwnerKind, Long>(OwnerKind.class);
    for (OwnerKind k : OwnerKind.values()) {
      all.put(k, totals.getOrDefault(k, 0L));
    }
    totals = java.util.Collections.unmodifiableMap(all);
    takenAt = takenAt.truncatedTo(ChronoUnit.MICROS);
    if (!SignerIds.isWellFormed(keyId)) {
      throw new IllegalArgumentException("not a key id: " + keyId);
    }
    if (headSeq <= previousSeq || previousSeq < 0) {
      throw new IllegalArgumentException("a checkpoint covers at least one row");
    }
  }

  /** How many rows the checkpoint's segment holds. */
  public long segmentSize() {
    return headSeq - previousSeq;
  }

  /** Circulation at head_seq: minus the system accounts' total (see the circulation report). */
  public long circulation() {
    return -totals.get(OwnerKind.SYSTEM);
  }

  public byte[] signedBytes() {
    var bytes = new ByteArrayOutputStream(256);
    try (var out = new DataOutputStream(bytes)) {
      out.write("SOL-CHECKPOINT".getBytes(StandardCharsets.US_ASCII));
      out.writeByte(VERSION);
      out.writeLong(network.value());
      out.writeShort(strand.id());
      out.writeLong(id);
      out.writeLong(previousSeq);
      out.write(previousHash);
      out.writeLong(headSeq);
      out.write(headHash);
      out.write(segmentRoot);
      out.writeByte(OwnerKind.values().length);
      for (OwnerKind k : OwnerKind.values()) {
        out.writeLong(totals.get(k));
      }
      out.writeLong(ChronoUnit.MICROS.between(Instant.EPOCH, takenAt));
      byte[] key = keyId.getBytes(StandardCharsets.UTF_8);
      out.writeShort(key.length);
      out.write(key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Whether the checkpoint names {@code key} and the signature is its signature. */
  public boolean signedBy(NetworkKey key) {
    return SignerIds.names(keyId, key) && key.verifies(signedBytes(), signature);
  }

  /** The key among {@code keys} that this checkpoint names as its signer, if any. */
  public Optional<NetworkKey> namedKey(TrustedKeys keys) {
    return SignerIds.in(keys, keyId);
  }

  @Override
  public byte[] previousHash() {
    return previousHash.clone();
  }

  @Override
  public byte[] headHash() {
    return headHash.clone();
  }

  @Override
  public byte[] segmentRoot() {
    return segmentRoot.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c
        && network.equals(c.network)
        && id == c.id
        && java.util.Arrays.equals(signedBytes(), c.signedBytes())
        && java.util.Arrays.equals(signature, c.signature);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id);
  }

  @Override
  public String toString() {
    return "checkpoint " + id + " of " + strand + " (" + previousSeq + ", " + headSeq + "]";
  }
}
