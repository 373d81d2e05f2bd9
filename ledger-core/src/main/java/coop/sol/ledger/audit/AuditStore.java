package coop.sol.ledger.audit;

import coop.sol.keys.NetworkKey;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.ledger.transfer.TransferKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The audit package's SQL (plain SQL through jOOQ; no jOOQ record leaves this class), on one
 * connection in one snapshot ({@link #snapshot}).
 */
final class AuditStore {
  private final DSLContext sql;

  private AuditStore(DSLContext sql) {
    this.sql = sql;
  }

  interface Work<T> {
    T run(AuditStore store) throws SQLException;
  }

  /** Runs work in one REPEATABLE READ transaction: one snapshot of heads, rows and balances. */
  static <T> T snapshot(DataSource dataSource, boolean readOnly, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return snapshot(c, readOnly, work);
    } catch (SQLException e) {
      throw new IllegalStateException("audit query failed: " + e.getMessage(), e);
    }
  }

  private static <T> T snapshot(Connection c, boolean readOnly, Work<T> work) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    int isolation = c.getTransactionIsolation();
    boolean wasReadOnly = c.isReadOnly();
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    c.setReadOnly(readOnly);
    try {
      T result = work.run(new AuditStore(DSL.using(c, SQLDialect.POSTGRES)));
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
      c.setTransactionIsolation(isolation);
      c.setReadOnly(wasReadOnly);
    }
  }

  /**
   * For the checkpointer: takes the two-int advisory lock ({@code lockClass}, network) on one
   * connection in autocommit, then runs work in a read-write snapshot on it, and releases the lock;
   * empty, having run nothing, while another session holds the lock.
   */
  static <T> Optional<T> checkpointSnapshot(
      DataSource dataSource, int lockClass, NetworkId network, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      DSLContext plain = DSL.using(c, SQLDialect.POSTGRES);
      Boolean locked =
          plain
              .fetchOne("SELECT pg_try_advisory_lock(?, ?)", lockClass, (int) network.value())
              .get(0, Boolean.class);
      if (!Boolean.TRUE.equals(locked)) {
        return Optional.empty();
      }
      try {
        return Optional.of(snapshot(c, false, work));
      } finally {
        plain.fetch("SELECT pg_advisory_unlock(?, ?)", lockClass, (int) network.value());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("checkpoint failed: " + e.getMessage(), e);
    }
  }

  // --- keys

  /**
   * A network key's public half as the audit publishes it. The keys are network_signing_key's
   * (written by ledger-core's signing package); they are read here within the audit's snapshot, so
   * that an export's keys and checkpoints are of one instant.
   */
  record StoredKey(NetworkKey key, OffsetDateTime createdAt) {}

  /** The network's keys, oldest first. */
  List<StoredKey> keys(NetworkId network) {
    return sql.fetch(
            "SELECT public_key, created_at FROM network_signing_key WHERE network_id = ?"
                + " ORDER BY created_at, key_id",
            network.value())
        .map(
            r ->
                new StoredKey(
                    NetworkKey.of(r.get(0, byte[].class)), r.get(1, OffsetDateTime.class)));
  }

  // --- checkpoints

  private static final String CHECKPOINT_COLUMNS =
      "checkpoint_id, strand_id, previous_seq, previous_hash, head_seq, head_hash, segment_root,"
          + " total_member, total_merchant, total_association, total_funder,"
          + " total_exchange_office, total_system, taken_at, key_id, signature";

  long nextCheckpointId() {
    return sql.fetchOne("SELECT nextval('checkpoint_id_seq')").get(0, Long.class);
  }

  void insert(Checkpoint c) {
    var t = c.totals();
    sql.execute(
        "INSERT INTO checkpoint (network_id, "
            + CHECKPOINT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?, ?)",
        c.network().value(),
        c.id(),
        c.strand().id(),
        c.previousSeq(),
        c.previousHash(),
        c.headSeq(),
        c.headHash(),
        c.segmentRoot(),
        t.get(OwnerKind.MEMBER),
        t.get(OwnerKind.MERCHANT),
        t.get(OwnerKind.ASSOCIATION),
        t.get(OwnerKind.FUNDER),
        t.get(OwnerKind.EXCHANGE_OFFICE),
        t.get(OwnerKind.SYSTEM),
        c.takenAt().toString(),
        c.keyId(),
        c.signature());
  }

  List<Checkpoint> checkpoints(NetworkId network, String where, Object... binds) {
    Object[] all = new Object[binds.length + 1];
    all[0] = network.value();
    System.arraycopy(binds, 0, all, 1, binds.length);
    return sql.fetch(
            "SELECT " + CHECKPOINT_COLUMNS + " FROM checkpoint WHERE network_id = ? " + where, all)
        .map(r -> checkpoint(network, r));
  }

  private static Checkpoint checkpoint(NetworkId network, Record r) {
    var totals = new EnumMap<OwnerKind, Long>(OwnerKind.class);
    OwnerKind[] kinds = {
      OwnerKind.MEMBER,
      OwnerKind.MERCHANT,
      OwnerKind.ASSOCIATION,
      OwnerKind.FUNDER,
      OwnerKind.EXCHANGE_OFFICE,
      OwnerKind.SYSTEM
    };
    for (int i = 0; i < kinds.length; i++) {
      totals.put(kinds[i], r.get(7 + i, Long.class));
    }
    return new Checkpoint(
        network,
        r.get(0, Long.class),
        StrandKind.ofId(r.get(1, Integer.class)),
        r.get(2, Long.class),
        r.get(3, byte[].class),
        r.get(4, Long.class),
        r.get(5, byte[].class),
        r.get(6, byte[].class),
        totals,
        r.get(13, OffsetDateTime.class).toInstant(),
        r.get(14, String.class),
        r.get(15, byte[].class));
  }

  // --- strands, accounts, journal

  record StrandHead(StrandKind strand, int scale, long seq, byte[] hash) {}

  List<StrandHead> heads(NetworkId network) {
    return sql.fetch(
            "SELECT strand_id, scale, head_seq, head_hash FROM strand WHERE network_id = ?"
                + " ORDER BY strand_id",
            network.value())
        .map(
            r ->
                new StrandHead(
                    StrandKind.ofId(r.get(0, Integer.class)),
                    r.get(1, Integer.class),
                    r.get(2, Long.class),
                    r.get(3, byte[].class)));
  }

  record NetworkRow(String code, String name) {}

  NetworkRow network(NetworkId network) {
    return sql.fetchOptional("SELECT code, name FROM network WHERE network_id = ?", network.value())
        .map(r -> new NetworkRow(r.get(0, String.class), r.get(1, String.class)))
        .orElseThrow(() -> new IllegalArgumentException("no network " + network));
  }

  /** An account row as exported. creditLimit null = unlimited. */
  record AccountRow(
      long id,
      StrandKind strand,
      OwnerKind ownerKind,
      String ownerRef,
      String name,
      String status,
      Long creditLimit,
      long debitsPosted,
      long creditsPosted,
      long debitsPending,
      long creditsPending) {}

  void accounts(NetworkId network, Consumer<AccountRow> action) {
    try (var cursor =
        sql.resultQuery(
                "SELECT account_id, strand_id, owner_kind, owner_ref, name, status, credit_limit,"
                    + " debits_posted, credits_posted, debits_pending, credits_pending"
                    + " FROM account WHERE network_id = ? ORDER BY account_id",
                network.value())
            .fetchSize(10_000)
            .fetchLazy()) {
      for (Record r : cursor) {
        action.accept(
            new AccountRow(
                r.get(0, Long.class),
                StrandKind.ofId(r.get(1, Integer.class)),
                OwnerKind.valueOf(r.get(2, String.class)),
                r.get(3, String.class),
                r.get(4, String.class),
                r.get(5, String.class),
                r.get(6, Long.class),
                r.get(7, Long.class),
                r.get(8, Long.class),
                r.get(9, Long.class),
                r.get(10, Long.class)));
      }
    }
  }

  Map<Long, OwnerKind> ownerKinds(NetworkId network, StrandKind strand) {
    var kinds = new HashMap<Long, OwnerKind>();
    sql.fetch(
            "SELECT account_id, owner_kind FROM account WHERE network_id = ? AND strand_id = ?",
            network.value(),
            strand.id())
        .forEach(r -> kinds.put(r.get(0, Long.class), OwnerKind.valueOf(r.get(1, String.class))));
    return kinds;
  }

  /** The rows of a strand with seq in (after, upTo], in seq order, streamed. */
  void rows(
      NetworkId network, StrandKind strand, long after, long upTo, Consumer<Transfer> action) {
    if (upTo <= after) {
      return;
    }
    try (var cursor =
        sql.resultQuery(
                "SELECT transfer_id, seq, kind, debit_account_id, credit_account_id, amount, code,"
                    + " idempotency_key, pending_id, reverses_id, expires_at, reference, memo,"
                    + " created_at, hash FROM transfer"
                    + " WHERE network_id = ? AND strand_id = ? AND seq > ? AND seq <= ?"
                    + " ORDER BY seq",
                network.value(),
                strand.id(),
                after,
                upTo)
            .fetchSize(10_000)
            .fetchLazy()) {
      for (Record r : cursor) {
        action.accept(
            new Transfer(
                network,
                new TransferId(r.get(0, Long.class)),
                strand,
                r.get(1, Long.class),
                TransferKind.valueOf(r.get(2, String.class)),
                new AccountId(r.get(3, Long.class)),
                new AccountId(r.get(4, Long.class)),
                r.get(5, Long.class),
                TransferCode.valueOf(r.get(6, String.class)),
                new IdempotencyKey(r.get(7, String.class)),
                Optional.ofNullable(r.get(8, Long.class)).map(TransferId::new),
                Optional.ofNullable(r.get(9, Long.class)).map(TransferId::new),
                Optional.ofNullable(r.get(10, OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                r.get(11, String.class),
                r.get(12, String.class),
                r.get(13, OffsetDateTime.class).toInstant(),
                r.get(14, byte[].class)));
      }
    }
  }

  record Located(StrandKind strand, long seq) {}

  Optional<Located> locate(NetworkId network, TransferId id) {
    return sql.fetchOptional(
            "SELECT strand_id, seq FROM transfer WHERE network_id = ? AND transfer_id = ?",
            network.value(),
            id.value())
        .map(r -> new Located(StrandKind.ofId(r.get(0, Integer.class)), r.get(1, Long.class)));
  }

  /** Row hashes of a strand with seq in (after, upTo], in seq order. */
  List<byte[]> hashes(NetworkId network, StrandKind strand, long after, long upTo) {
    var hashes = new ArrayList<byte[]>();
    try (var cursor =
        sql.resultQuery(
                "SELECT hash FROM transfer WHERE network_id = ? AND strand_id = ?"
                    + " AND seq > ? AND seq <= ? ORDER BY seq",
                network.value(),
                strand.id(),
                after,
                upTo)
            .fetchSize(10_000)
            .fetchLazy()) {
      for (Record r : cursor) {
        hashes.add(r.get(0, byte[].class));
      }
    }
    return hashes;
  }
}
