package coop.sol.ledger.journal;

import coop.sol.ledger.account.Balance;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.JournalHash;
import coop.sol.ledger.transfer.Transfer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Replays one strand's journal rows, in seq order: checks the hash chain row by row and rebuilds
 * every account's balance. Knows nothing of the database, so an offline verifier can feed it an
 * export.
 */
public final class JournalReplay {
  private final StrandKind strand;
  private final Map<Long, long[]> balances = new HashMap<>();
  private final Map<Long, Long> pendingAmounts = new HashMap<>();
  private byte[] head = JournalHash.genesis();
  private long seq;
  private Discrepancy first;

  public JournalReplay(StrandKind strand) {
    this.strand = strand;
  }

  /** Feeds the next row; after a discrepancy, further rows are ignored. */
  public void accept(Transfer row) {
    if (first != null) {
      return;
    }
    if (row.seq() != seq + 1) {
      first =
          new Discrepancy(
              Discrepancy.Kind.SEQUENCE_GAP, strand, row.seq(), "expected seq " + (seq + 1));
      return;
    }
    byte[] expected = JournalHash.chain(head, row);
    if (!Arrays.equals(expected, row.hash())) {
      first =
          new Discrepancy(
              Discrepancy.Kind.HASH_MISMATCH,
              strand,
              row.seq(),
              "transfer "
                  + row.id()
                  + ": stored "
                  + hex(row.hash())
                  + ", recomputed "
                  + hex(expected));
      return;
    }
    head = expected;
    seq = row.seq();
    long amount = row.amount();
    long[] debit = balances.computeIfAbsent(row.debit().value(), id -> new long[4]);
    long[] credit = balances.computeIfAbsent(row.credit().value(), id -> new long[4]);
    switch (row.kind()) {
      case POSTED -> {
        debit[0] = Math.addExact(debit[0], amount);
        credit[1] = Math.addExact(credit[1], amount);
      }
      case PENDING -> {
        debit[2] = Math.addExact(debit[2], amount);
        credit[3] = Math.addExact(credit[3], amount);
        pendingAmounts.put(row.id().value(), amount);
      }
      case POST_PENDING, VOID_PENDING, EXPIRE_PENDING -> {
        Long reserved = row.pendingId().map(id -> pendingAmounts.remove(id.value())).orElse(null);
        if (reserved == null) {
          first =
              new Discrepancy(
                  Discrepancy.Kind.DANGLING_PENDING,
                  strand,
                  row.seq(),
                  "transfer " + row.id() + " resolves an unknown or resolved pending transfer");
          return;
        }
        debit[2] -= reserved;
        credit[3] -= reserved;
        if (row.kind() == coop.sol.ledger.transfer.TransferKind.POST_PENDING) {
          debit[0] = Math.addExact(debit[0], amount);
          credit[1] = Math.addExact(credit[1], amount);
        }
      }
    }
  }

  public Optional<Discrepancy> discrepancy() {
    return Optional.ofNullable(first);
  }

  public long lastSeq() {
    return seq;
  }

  public byte[] lastHash() {
    return head.clone();
  }

  /** The replayed balance of an account (zero if the journal never touched it). */
  public Balance balance(long accountId) {
    long[] b = balances.get(accountId);
    return b == null ? Balance.ZERO : new Balance(b[0], b[1], b[2], b[3]);
  }

  public java.util.Set<Long> accountIds() {
    return balances.keySet();
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
