package coop.sol.ledger.transfer;

import static coop.sol.ledger.jooq.Tables.MERCHANT_CATEGORIES;
import static coop.sol.ledger.jooq.Tables.TRANSFER;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.jooq.tables.records.TransferRecord;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.BatchState.PendingState;
import coop.sol.ledger.transfer.BatchState.ReversedState;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The writer's SQL, through jOOQ, on the writer's connection. Batches go in as arrays ({@code
 * unnest}) so that a batch of any size is one statement per table; balance changes are one UPDATE
 * of net deltas per account, in account id order. Every method fails with the driver's {@link
 * SQLException} rather than jOOQ's wrapper of it, so the writer handles one kind of database
 * failure.
 */
final class JournalStore {

  /** First key of the two-int advisory lock that makes one writer per network ("SOL"). */
  static final int WRITER_LOCK_CLASS = 0x534F4C;

  private final Connection connection;
  private final DSLContext sql;
  private final NetworkId network;
  private final EnumMap<Hot, PreparedStatement> hot = new EnumMap<>(Hot.class);

  private JournalStore(Connection connection, NetworkId network) {
    this.connection = connection;
    this.sql = DSL.using(connection, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
    this.network = network;
  }

  /** The store of {@code network}'s writer, on the writer's connection; statements not logged. */
  static JournalStore on(Connection connection, NetworkId network) {
    return new JournalStore(connection, network);
  }

  /**
   * The statements every batch makes, written in SQL and prepared once per connection: jOOQ
   * building, rendering and binding them again for each batch was half of the writer thread's CPU
   * (JFR, {@code WriterProfile}), and the writer thread is what a network's throughput waits on.
   * Arrays go in as one parameter each, so the text is the same for any batch size. The rarer
   * statements (pending and reversed transfers, keys, lots' merchants) stay in jOOQ below.
   */
  enum Hot {
    LOCK("SELECT pg_advisory_xact_lock(?, ?)"),
    START(
        """
        SELECT s.strand_id, s.head_seq, s.head_hash,
               coalesce((SELECT max(t.transfer_id) FROM transfer t WHERE t.network_id = ?), 0),
               (SELECT m.allowed FROM member_payment_setting m WHERE m.network_id = ?)
          FROM strand s
         WHERE s.network_id = ?"""),
    ACCOUNTS(
        """
        SELECT a.account_id, a.strand_id, a.status, a.owner_kind, a.owner_ref, a.credit_limit,
               a.debits_posted, a.credits_posted, a.debits_pending, a.credits_pending,
               l.expires_at, l.categories, l.funder_account_id
          FROM account a
          LEFT JOIN voucher_lot l ON l.network_id = a.network_id AND l.lot_account_id = a.account_id
         WHERE a.network_id = ? AND a.account_id = any(?::bigint[])"""),
    BALANCES(
        """
        UPDATE account a
           SET debits_posted = a.debits_posted + d.dp,
               credits_posted = a.credits_posted + d.cp,
               debits_pending = a.debits_pending + d.dpe,
               credits_pending = a.credits_pending + d.cpe
          FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
               AS d(account_id, dp, cp, dpe, cpe)
         WHERE a.network_id = ? AND a.account_id = d.account_id"""),
    INSERT(
        """
        INSERT INTO transfer (network_id, transfer_id, strand_id, seq, kind, debit_account_id,
                              credit_account_id, amount, code, idempotency_key, pending_id,
                              reverses_id, expires_at, reference, memo, created_at, hash)
        SELECT n.network_id, b.transfer_id, b.strand_id, b.seq, b.kind, b.debit, b.credit,
               b.amount, b.code, b.key, b.pending_id, b.reverses_id, b.expires_at, b.reference,
               b.memo, n.created_at, b.hash
          FROM (SELECT ?::bigint AS network_id, ?::timestamptz AS created_at) n,
               unnest(?::bigint[], ?::smallint[], ?::bigint[], ?::text[], ?::bigint[],
                      ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[],
                      ?::timestamptz[], ?::text[], ?::text[], ?::bytea[])
               AS b(transfer_id, strand_id, seq, kind, debit, credit, amount, code, key,
                    pending_id, reverses_id, expires_at, reference, memo, hash)"""),
    SAVE_HEAD(
        "UPDATE strand SET head_seq = ?, head_hash = ? WHERE network_id = ? AND strand_id = ?");

    final String sql;

    Hot(String sql) {
      this.sql = sql;
    }
  }

  private PreparedStatement prepared(Hot statement) throws SQLException {
    PreparedStatement prepared = hot.get(statement);
    if (prepared == null) {
      prepared = connection.prepareStatement(statement.sql);
      hot.put(statement, prepared);
    }
    return prepared;
  }

  private static long[] longs(Collection<Long> values) {
    var array = new long[values.size()];
    int i = 0;
    for (long value : values) {
      array[i++] = value;
    }
    return array;
  }

  /**
   * What a batch's transaction finds once it is the network's writer: the chain heads, the highest
   * transfer id of the journal (0 when it is empty), and whether members may pay members (V86's
   * {@code member_payment_setting}; no row: yes).
   */
  record Start(Map<StrandKind, ChainHead> heads, long lastTransferId, boolean membersMayPay) {}

  /**
   * Makes this transaction the network's writer, waiting while another one is (on this instance or
   * another): a transaction-level advisory lock, released by the commit or the rollback, or when
   * the connection dies with its process. Then reads, in a statement of its own (under READ
   * COMMITTED its snapshot is taken after the lock is held), what the previous writer committed:
   * the chain heads, the last transfer id and the member-payment setting, so that no instance
   * decides on a value another has replaced.
   */
  Start lockAndStart() throws SQLException {
    PreparedStatement lock = prepared(Hot.LOCK);
    lock.setInt(1, WRITER_LOCK_CLASS);
    lock.setInt(2, (int) network.value());
    try (ResultSet r = lock.executeQuery()) {
      r.next();
    }
    PreparedStatement start = prepared(Hot.START);
    start.setLong(1, network.value());
    start.setLong(2, network.value());
    start.setLong(3, network.value());
    var heads = new EnumMap<StrandKind, ChainHead>(StrandKind.class);
    long last = 0;
    boolean membersMayPay = true;
    try (ResultSet r = start.executeQuery()) {
      while (r.next()) {
        heads.put(StrandKind.ofId(r.getShort(1)), new ChainHead(r.getLong(2), r.getBytes(3)));
        last = r.getLong(4);
        boolean allowed = r.getBoolean(5);
        membersMayPay = r.wasNull() || allowed;
      }
    }
    return new Start(heads, last, membersMayPay);
  }

  /** The first id of a fresh block of 1,000 transfer ids. */
  long nextIdBlock() throws SQLException {
    try {
      return sql.nextval(coop.sol.ledger.jooq.Sequences.TRANSFER_ID_BLOCK_SEQ);
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /**
   * Loads the accounts with their balances, their owner, and for a lot of earmarked vouchers its
   * rules (one outer join on {@code voucher_lot}, by primary key).
   */
  void loadAccounts(Collection<Long> ids, BatchState into) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    PreparedStatement accounts = prepared(Hot.ACCOUNTS);
    accounts.setLong(1, network.value());
    accounts.setObject(2, longs(ids));
    try (ResultSet r = accounts.executeQuery()) {
      while (r.next()) {
        long id = r.getLong(1);
        OffsetDateTime lotExpiresAt = r.getObject(11, OffsetDateTime.class);
        AccountState.LotRules lot = null;
        if (lotExpiresAt != null) {
          lot =
              new AccountState.LotRules(
                  lotExpiresAt.toInstant(),
                  Set.copyOf(Arrays.asList((String[]) r.getArray(12).getArray())),
                  r.getLong(13));
        }
        long limit = r.getLong(6);
        Long creditLimit = r.wasNull() ? null : limit;
        into.accounts.put(
            id,
            new AccountState(
                id,
                StrandKind.ofId(r.getShort(2)),
                AccountStatus.valueOf(r.getString(3)),
                OwnerKind.valueOf(r.getString(4)),
                r.getString(5),
                lot,
                creditLimit,
                r.getLong(7),
                r.getLong(8),
                r.getLong(9),
                r.getLong(10)));
      }
    }
  }

  /**
   * The categories in force at {@code at} of these merchants ({@code owner_ref}s), for the lots of
   * a batch that pay them; a merchant without categories is absent.
   */
  Map<String, Set<String>> merchantCategories(Collection<String> merchantRefs, Instant at)
      throws SQLException {
    try {
      var categories = new HashMap<String, Set<String>>();
      if (merchantRefs.isEmpty()) {
        return categories;
      }
      sql.select(MERCHANT_CATEGORIES.MERCHANT_REF, MERCHANT_CATEGORIES.CATEGORIES)
          .distinctOn(MERCHANT_CATEGORIES.MERCHANT_REF)
          .from(MERCHANT_CATEGORIES)
          .where(MERCHANT_CATEGORIES.NETWORK_ID.eq(network.value()))
          .and(
              MERCHANT_CATEGORIES.MERCHANT_REF.eq(
                  any(val(merchantRefs.toArray(String[]::new), SQLDataType.VARCHAR.array()))))
          .and(MERCHANT_CATEGORIES.EFFECTIVE_FROM.le(at.atOffset(ZoneOffset.UTC)))
          .orderBy(
              MERCHANT_CATEGORIES.MERCHANT_REF,
              MERCHANT_CATEGORIES.EFFECTIVE_FROM.desc(),
              MERCHANT_CATEGORIES.VERSION_ID.desc())
          .forEach(r -> categories.put(r.value1(), Set.copyOf(Arrays.asList(r.value2()))));
      return categories;
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /** Loads pending transfers with the row that resolved each, if any; returns their account ids. */
  Set<Long> loadPendings(Collection<Long> ids, BatchState into) throws SQLException {
    try {
      var accounts = new HashSet<Long>();
      if (ids.isEmpty()) {
        return accounts;
      }
      var p = TRANSFER.as("p");
      var r = TRANSFER.as("r");
      sql.select(p.fields())
          .select(r.fields())
          .from(p)
          .leftJoin(r)
          .on(r.NETWORK_ID.eq(p.NETWORK_ID).and(r.PENDING_ID.eq(p.TRANSFER_ID)))
          .where(p.NETWORK_ID.eq(network.value()))
          .and(p.TRANSFER_ID.eq(any(longArray(ids))))
          .forEach(
              row -> {
                Transfer pending = TransferStore.toTransfer(row.into(p));
                TransferRecord resolved = row.into(r);
                Transfer resolution =
                    resolved.getTransferId() == null ? null : TransferStore.toTransfer(resolved);
                into.pendings.put(pending.id().value(), new PendingState(pending, resolution));
                accounts.add(pending.debit().value());
                accounts.add(pending.credit().value());
              });
      return accounts;
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  void loadReversed(Collection<Long> ids, BatchState into) throws SQLException {
    try {
      if (ids.isEmpty()) {
        return;
      }
      var t = TRANSFER.as("t");
      var r = TRANSFER.as("r");
      var reversedSoFar =
          select(coalesce(sum(r.AMOUNT), BigDecimal.ZERO))
              .from(r)
              .where(r.NETWORK_ID.eq(t.NETWORK_ID).and(r.REVERSES_ID.eq(t.TRANSFER_ID)))
              .asField("reversed_so_far");
      sql.select(t.fields())
          .select(reversedSoFar)
          .from(t)
          .where(t.NETWORK_ID.eq(network.value()))
          .and(t.TRANSFER_ID.eq(any(longArray(ids))))
          .forEach(
              row -> {
                Transfer original = TransferStore.toTransfer(row.into(t));
                long soFar = row.get(reversedSoFar, BigDecimal.class).longValueExact();
                into.reversed.put(original.id().value(), new ReversedState(original, soFar));
              });
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /** The stored transfers among {@code keys}. */
  List<Transfer> findByKeys(Collection<String> keys) throws SQLException {
    try {
      if (keys.isEmpty()) {
        return List.of();
      }
      return sql.selectFrom(TRANSFER)
          .where(TRANSFER.NETWORK_ID.eq(network.value()))
          .and(
              TRANSFER.IDEMPOTENCY_KEY.eq(
                  any(val(keys.toArray(String[]::new), SQLDataType.VARCHAR.array()))))
          .fetch(TransferStore::toTransfer);
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /**
   * Inserts the rows. Returns false, with the transaction failed (roll it back), when a key exists
   * already: a retry of a transfer the writer did not know was posted. A plain insert costs less
   * per row than ON CONFLICT's speculative insertion, and retries are rare.
   */
  boolean insert(List<Transfer> rows) throws SQLException {
    int n = rows.size();
    var ids = new long[n];
    var strands = new short[n];
    var seqs = new long[n];
    var kinds = new String[n];
    var debits = new long[n];
    var credits = new long[n];
    var amounts = new long[n];
    var codes = new String[n];
    var keys = new String[n];
    var pendings = new Long[n];
    var reverses = new Long[n];
    var expires = new String[n];
    var references = new String[n];
    var memos = new String[n];
    var hashes = new byte[n][];
    for (int i = 0; i < n; i++) {
      Transfer t = rows.get(i);
      ids[i] = t.id().value();
      strands[i] = t.strand().id();
      seqs[i] = t.seq();
      kinds[i] = t.kind().name();
      debits[i] = t.debit().value();
      credits[i] = t.credit().value();
      amounts[i] = t.amount();
      codes[i] = t.code().name();
      keys[i] = t.key().value();
      pendings[i] = t.pendingId().map(TransferId::value).orElse(null);
      reverses[i] = t.reverses().map(TransferId::value).orElse(null);
      expires[i] = t.expiresAt().map(Instant::toString).orElse(null);
      references[i] = t.reference();
      memos[i] = t.memo();
      hashes[i] = t.hash();
    }
    PreparedStatement insert = prepared(Hot.INSERT);
    bindInsert(
        insert,
        network.value(),
        rows.get(0).createdAt().atOffset(ZoneOffset.UTC),
        ids,
        strands,
        seqs,
        kinds,
        debits,
        credits,
        amounts,
        codes,
        keys,
        pendings,
        reverses,
        expires,
        references,
        memos,
        hashes);
    try {
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())
          && e.getMessage().contains("transfer_network_id_idempotency_key_key")) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Binds {@link Hot#INSERT}: the network, the batch's time, then the fifteen columns as arrays of
   * the same length, in the order of its {@code unnest}.
   */
  static void bindInsert(
      PreparedStatement insert, long network, OffsetDateTime createdAt, Object... columns)
      throws SQLException {
    insert.setLong(1, network);
    insert.setObject(2, createdAt);
    for (int i = 0; i < columns.length; i++) {
      insert.setObject(3 + i, columns[i]);
    }
  }

  /** Adds each changed account's net deltas to its balance columns, in account id order. */
  void applyBalances(Collection<AccountState> changed) throws SQLException {
    List<AccountState> sorted =
        changed.stream().sorted((a, b) -> Long.compare(a.id, b.id)).toList();
    int n = sorted.size();
    if (n == 0) {
      return;
    }
    var ids = new long[n];
    var dp = new long[n];
    var cp = new long[n];
    var dpe = new long[n];
    var cpe = new long[n];
    for (int i = 0; i < n; i++) {
      AccountState a = sorted.get(i);
      ids[i] = a.id;
      dp[i] = a.deltaDebitsPosted();
      cp[i] = a.deltaCreditsPosted();
      dpe[i] = a.deltaDebitsPending();
      cpe[i] = a.deltaCreditsPending();
    }
    PreparedStatement balances = prepared(Hot.BALANCES);
    balances.setObject(1, ids);
    balances.setObject(2, dp);
    balances.setObject(3, cp);
    balances.setObject(4, dpe);
    balances.setObject(5, cpe);
    balances.setLong(6, network.value());
    int updated = balances.executeUpdate();
    if (updated != n) {
      throw new IllegalStateException("updated " + updated + " balances, expected " + n);
    }
  }

  /**
   * One bind parameter holding the whole array ({@code = any(?::bigint[])}): the SQL text is the
   * same for every batch size, so PostgreSQL prepares it once. (jOOQ's varargs {@code any(T...)}
   * would bind each element separately.)
   */
  private static org.jooq.Field<Long[]> longArray(Collection<Long> ids) {
    return val(ids.toArray(Long[]::new), SQLDataType.BIGINT.array());
  }

  void saveHeads(Map<StrandKind, ChainHead> heads) throws SQLException {
    PreparedStatement save = prepared(Hot.SAVE_HEAD);
    for (var e : heads.entrySet()) {
      save.setLong(1, e.getValue().seq());
      save.setBytes(2, e.getValue().hash());
      save.setLong(3, network.value());
      save.setShort(4, e.getKey().id());
      save.addBatch();
    }
    save.executeBatch();
  }

  /**
   * Whether the failure is a row of the journal taking a place in its strand's chain that another
   * row holds: this writer's chain heads were stale (a writer that did not take the network's lock
   * wrote meanwhile), which a new attempt, reading the heads afresh, cures; nothing in the batch is
   * at fault.
   */
  static boolean isChainConflict(SQLException e) {
    return "23505".equals(e.getSQLState())
        && e.getMessage() != null
        && e.getMessage().contains("transfer_network_id_strand_id_seq_key");
  }

  /** The driver's exception under jOOQ's (a new one holding jOOQ's if there is none). */
  private static SQLException translated(DataAccessException e) {
    SQLException cause = e.getCause(SQLException.class);
    return cause != null ? cause : new SQLException(e.getMessage(), e.sqlState(), e);
  }
}
