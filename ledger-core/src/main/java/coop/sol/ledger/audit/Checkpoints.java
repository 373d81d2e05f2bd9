package coop.sol.ledger.audit;

import coop.sol.keys.NetworkKey;
import coop.sol.keys.SigningKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.JournalHash;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferKind;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Takes and reads signed checkpoints. Taking one reads, in one snapshot, the strand's rows after
 * the last checkpoint (at most {@code maxSegment} of them, so that a segment and an inclusion proof
 * stay small), <em>re-verifies their hash chain</em> (the network never signs a broken chain),
 * computes the segment's Merkle root and the totals per owner kind (the previous checkpoint's plus
 * the segment's movements), signs with a key of the network's ({@code network_signing_key}, the
 * keys that sign its payment codes; named by its {@link coop.sol.keys.KeyId}), and stores. One
 * checkpointer per network at a time (an advisory lock), and the table's unique keys keep the
 * checkpoints of a strand in one line.
 *
 * <p>Scheduling: call {@link #takeAll} every few minutes; {@link #take} on demand.
 */
public final class Checkpoints {
  public static final int DEFAULT_MAX_SEGMENT = 100_000;

  /** First key of the two-int advisory lock of a network's checkpointer ("SOC"). */
  static final int LOCK_CLASS = 0x534F43;

  private final DataSource dataSource;
  private final Clock clock;
  private final int maxSegment;

  public Checkpoints(DataSource dataSource, Clock clock) {
    this(dataSource, clock, DEFAULT_MAX_SEGMENT);
  }

  public Checkpoints(DataSource dataSource, Clock clock, int maxSegment) {
    if (maxSegment < 1) {
      throw new IllegalArgumentException("maxSegment is >= 1");
    }
    this.dataSource = dataSource;
    this.clock = clock;
    this.maxSegment = maxSegment;
  }

  /**
   * The network's keys, retired ones included: what verifies its checkpoints and signed reports.
   * They are the keys of {@code network_signing_key}, which also sign payment codes.
   */
  public TrustedKeys keys(NetworkId network) {
    return AuditStore.snapshot(
        dataSource,
        true,
        store ->
            TrustedKeys.of(store.keys(network).stream().map(AuditStore.StoredKey::key).toList()));
  }

  /**
   * Checkpoints every strand up to its current head (several checkpoints for a strand with more
   * than {@code maxSegment} new rows). Returns the new checkpoints; none while another checkpointer
   * works on the network.
   */
  public List<Checkpoint> takeAll(NetworkId network, SigningKey signer) {
    var taken = new ArrayList<Checkpoint>();
    for (StrandKind strand : StrandKind.values()) {
      while (true) {
        Optional<Checkpoint> c = step(network, strand, signer);
        if (c.isEmpty()) {
          break;
        }
        taken.add(c.get());
      }
    }
    return taken;
  }

  /**
   * Checkpoints one strand up to its current head (on demand) and returns the checkpoint of the
   * head: a new one, or the latest if nothing was posted since (or while another checkpointer works
   * on the network, which then takes the next ones); empty for a strand without checkpoint.
   */
  public Optional<Checkpoint> take(NetworkId network, StrandKind strand, SigningKey signer) {
    Optional<Checkpoint> last = Optional.empty();
    while (true) {
      Optional<Checkpoint> c = step(network, strand, signer);
      if (c.isEmpty()) {
        return last.isPresent() ? last : latest(network, strand);
      }
      last = c;
    }
  }

  public List<Checkpoint> list(NetworkId network, StrandKind strand) {
    return AuditStore.snapshot(
        dataSource,
        true,
        store -> store.checkpoints(network, "AND strand_id = ? ORDER BY head_seq", strand.id()));
  }

  public Optional<Checkpoint> latest(NetworkId network, StrandKind strand) {
    return AuditStore.snapshot(dataSource, true, store -> latest(store, network, strand));
  }

  public Optional<Checkpoint> find(NetworkId network, long checkpointId) {
    return AuditStore.snapshot(
            dataSource,
            true,
            store -> store.checkpoints(network, "AND checkpoint_id = ?", checkpointId))
        .stream()
        .findFirst();
  }

  /** The checkpoint whose segment holds row {@code seq} of the strand, if taken yet. */
  public Optional<Checkpoint> covering(NetworkId network, StrandKind strand, long seq) {
    return AuditStore.snapshot(dataSource, true, store -> covering(store, network, strand, seq));
  }

  static Optional<Checkpoint> covering(
      AuditStore store, NetworkId network, StrandKind strand, long seq) {
    return store
        .checkpoints(
            network,
            "AND strand_id = ? AND previous_seq < ? AND head_seq >= ?",
            strand.id(),
            seq,
            seq)
        .stream()
        .findFirst();
  }

  private static Optional<Checkpoint> latest(
      AuditStore store, NetworkId network, StrandKind strand) {
    return store
        .checkpoints(network, "AND strand_id = ? ORDER BY head_seq DESC LIMIT 1", strand.id())
        .stream()
        .findFirst();
  }

  /** One new checkpoint of at most maxSegment rows, or empty (nothing new, or busy). */
  private Optional<Checkpoint> step(NetworkId network, StrandKind strand, SigningKey signer) {
    return AuditStore.checkpointSnapshot(
            dataSource, LOCK_CLASS, network, store -> step(store, network, strand, signer))
        .orElse(Optional.empty());
  }

  private Optional<Checkpoint> step(
      AuditStore store, NetworkId network, StrandKind strand, SigningKey signer) {
    NetworkKey key = signer.networkKey();
    if (store.keys(network).stream().noneMatch(k -> k.key().equals(key))) {
      throw new IllegalArgumentException(
          "key " + key.id() + " is not a key of network " + network + " (network_signing_key)");
    }
    Optional<Checkpoint> previous = latest(store, network, strand);
    long after = previous.map(Checkpoint::headSeq).orElse(0L);
    byte[] chain = previous.map(Checkpoint::headHash).orElse(JournalHash.genesis());
    var totals = new EnumMap<OwnerKind, Long>(OwnerKind.class);
    for (OwnerKind k : OwnerKind.values()) {
      totals.put(k, previous.map(p -> p.totals().get(k)).orElse(0L));
    }
    long head =
        store.heads(network).stream()
            .filter(h -> h.strand() == strand)
            .findFirst()
            .orElseThrow()
            .seq();
    if (head <= after) {
      return Optional.empty();
    }
    long upTo = Math.min(head, after + maxSegment);
    Map<Long, OwnerKind> kinds = store.ownerKinds(network, strand);
    var hashes = new ArrayList<byte[]>((int) (upTo - after));
    var state = new long[] {after};
    var head32 = new byte[][] {chain};
    store.rows(
        network,
        strand,
        after,
        upTo,
        row -> {
          byte[] expected = JournalHash.chain(head32[0], row);
          if (row.seq() != state[0] + 1 || !Arrays.equals(expected, row.hash())) {
            throw new IllegalStateException(
                "the journal of "
                    + strand
                    + " does not verify at seq "
                    + row.seq()
                    + " (transfer "
                    + row.id()
                    + "): no checkpoint is signed over it");
          }
          state[0] = row.seq();
          head32[0] = expected;
          hashes.add(expected);
          addMovement(totals, row, kinds);
        });
    if (state[0] != upTo) {
      throw new IllegalStateException("rows up to " + upTo + " expected, got up to " + state[0]);
    }
    var unsigned =
        new Checkpoint(
            network,
            store.nextCheckpointId(),
            strand,
            after,
            chain,
            upTo,
            head32[0],
            MerkleTree.root(hashes),
            totals,
            now(),
            SignerIds.of(key),
            new byte[64]);
    var signed =
        new Checkpoint(
            network,
            unsigned.id(),
            strand,
            after,
            chain,
            upTo,
            unsigned.headHash(),
            unsigned.segmentRoot(),
            totals,
            unsigned.takenAt(),
            SignerIds.of(key),
            signer.sign(unsigned.signedBytes()));
    store.insert(signed);
    return Optional.of(signed);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Posted movements change the totals: − amount for the debit's kind, + for the credit's. */
  static void addMovement(Map<OwnerKind, Long> totals, Transfer row, Map<Long, OwnerKind> kinds) {
    if (row.kind() != TransferKind.POSTED && row.kind() != TransferKind.POST_PENDING) {
      return;
    }
    OwnerKind debit = kinds.get(row.debit().value());
    OwnerKind credit = kinds.get(row.credit().value());
    if (debit == null || credit == null) {
      throw new IllegalStateException("transfer " + row.id() + " names an unknown account");
    }
    totals.merge(debit, -row.amount(), Math::addExact);
    totals.merge(credit, row.amount(), Math::addExact);
  }
}
