package coop.sol.ledger.transfer;

import static coop.sol.ledger.jooq.Tables.ACCOUNT;
import static coop.sol.ledger.jooq.Tables.MERCHANT_CATEGORIES;
import static coop.sol.ledger.jooq.Tables.STRAND;
import static coop.sol.ledger.jooq.Tables.TRANSFER;
import static coop.sol.ledger.jooq.Tables.VOUCHER_LOT;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
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
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
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

  private final DSLContext sql;
  private final NetworkId network;

  private JournalStore(DSLContext sql, NetworkId network) {
    this.sql = sql;
    this.network = network;
  }

  /** The store of {@code network}'s writer, on the writer's connection; statements not logged. */
  static JournalStore on(Connection connection, NetworkId network) {
    return new JournalStore(
        DSL.using(connection, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false)),
        network);
  }

  /**
   * Makes this transaction the network's writer, waiting while another one is (on this instance or
   * another): a transaction-level advisory lock, released by the commit or the rollback, or when
   * the connection dies with its process. What the writer reads next (chain heads, balances) is
   * what the previous writer committed.
   */
  void lockWriter() throws SQLException {
    try {
      sql.select(
              field(
                  "pg_advisory_xact_lock({0}, {1})",
                  Object.class, inline(WRITER_LOCK_CLASS), val((int) network.value())))
          .fetch();
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  Map<StrandKind, ChainHead> loadHeads() throws SQLException {
    try {
      var heads = new EnumMap<StrandKind, ChainHead>(StrandKind.class);
      sql.select(STRAND.STRAND_ID, STRAND.HEAD_SEQ, STRAND.HEAD_HASH)
          .from(STRAND)
          .where(STRAND.NETWORK_ID.eq(network.value()))
          .forEach(
              r -> heads.put(StrandKind.ofId(r.value1()), new ChainHead(r.value2(), r.value3())));
      return heads;
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /** The highest transfer id of the network's journal, 0 when it is empty. */
  long lastTransferId() throws SQLException {
    try {
      Long last =
          sql.select(DSL.max(TRANSFER.TRANSFER_ID))
              .from(TRANSFER)
              .where(TRANSFER.NETWORK_ID.eq(network.value()))
              .fetchOne(0, Long.class);
      return last == null ? 0 : last;
    } catch (DataAccessException e) {
      throw translated(e);
    }
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
    try {
      if (ids.isEmpty()) {
        return;
      }
      sql.select(
              ACCOUNT.ACCOUNT_ID,
              ACCOUNT.STRAND_ID,
              ACCOUNT.STATUS,
              ACCOUNT.OWNER_KIND,
              ACCOUNT.OWNER_REF,
              ACCOUNT.CREDIT_LIMIT,
              ACCOUNT.DEBITS_POSTED,
              ACCOUNT.CREDITS_POSTED,
              ACCOUNT.DEBITS_PENDING,
              ACCOUNT.CREDITS_PENDING,
              VOUCHER_LOT.EXPIRES_AT,
              VOUCHER_LOT.CATEGORIES,
              VOUCHER_LOT.FUNDER_ACCOUNT_ID)
          .from(ACCOUNT)
          .leftJoin(VOUCHER_LOT)
          .on(VOUCHER_LOT.NETWORK_ID.eq(ACCOUNT.NETWORK_ID))
          .and(VOUCHER_LOT.LOT_ACCOUNT_ID.eq(ACCOUNT.ACCOUNT_ID))
          .where(ACCOUNT.NETWORK_ID.eq(network.value()))
          .and(ACCOUNT.ACCOUNT_ID.eq(any(longArray(ids))))
          .forEach(
              r ->
                  into.accounts.put(
                      r.value1(),
                      new AccountState(
                          r.value1(),
                          StrandKind.ofId(r.value2()),
                          AccountStatus.valueOf(r.value3()),
                          OwnerKind.valueOf(r.value4()),
                          r.value5(),
                          r.value11() == null
                              ? null
                              : new AccountState.LotRules(
                                  r.value11().toInstant(),
                                  Set.copyOf(Arrays.asList(r.value12())),
                                  r.value13()),
                          r.value6(),
                          r.value7(),
                          r.value8(),
                          r.value9(),
                          r.value10())));
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /**
   * Whether the network lets members pay members (V86's {@code member_payment_setting}; no row:
   * yes), as committed now: read in the writer's transaction, so that no instance decides on a
   * value another has replaced.
   */
  boolean memberPaymentsAllowed() throws SQLException {
    try {
      return sql.fetchOptional(
              "SELECT allowed FROM member_payment_setting WHERE network_id = ?", network.value())
          .map(r -> r.get(0, Boolean.class))
          .orElse(true);
    } catch (DataAccessException e) {
      throw translated(e);
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
    var ids = new Long[n];
    var strands = new Short[n];
    var seqs = new Long[n];
    var kinds = new String[n];
    var debits = new Long[n];
    var credits = new Long[n];
    var amounts = new Long[n];
    var codes = new String[n];
    var keys = new String[n];
    var pendings = new Long[n];
    var reverses = new Long[n];
    var expires = new OffsetDateTime[n];
    var references = new String[n];
    var memos = new String[n];
    var hashes = new String[n];
    var hex = HexFormat.of();
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
      expires[i] = t.expiresAt().map(at -> at.atOffset(ZoneOffset.UTC)).orElse(null);
      references[i] = t.reference();
      memos[i] = t.memo();
      hashes[i] = hex.formatHex(t.hash());
    }
    OffsetDateTime createdAt = rows.get(0).createdAt().atOffset(ZoneOffset.UTC);
    Table<?> batch =
        org.jooq.impl.DSL.table(
            "unnest({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12}, {13}, {14}) "
                + "as b(transfer_id, strand_id, seq, kind, debit, credit, amount, code, key, pending_id, "
                + "reverses_id, expires_at, reference, memo, hash)",
            val(ids),
            val(strands),
            val(seqs),
            val(kinds),
            val(debits),
            val(credits),
            val(amounts),
            val(codes),
            val(keys),
            val(pendings),
            val(reverses),
            val(expires),
            val(references),
            val(memos),
            val(hashes));
    try {
      sql.insertInto(
              TRANSFER,
              TRANSFER.NETWORK_ID,
              TRANSFER.TRANSFER_ID,
              TRANSFER.STRAND_ID,
              TRANSFER.SEQ,
              TRANSFER.KIND,
              TRANSFER.DEBIT_ACCOUNT_ID,
              TRANSFER.CREDIT_ACCOUNT_ID,
              TRANSFER.AMOUNT,
              TRANSFER.CODE,
              TRANSFER.IDEMPOTENCY_KEY,
              TRANSFER.PENDING_ID,
              TRANSFER.REVERSES_ID,
              TRANSFER.EXPIRES_AT,
              TRANSFER.REFERENCE,
              TRANSFER.MEMO,
              TRANSFER.CREATED_AT,
              TRANSFER.HASH)
          .select(
              select(
                      val(network.value()),
                      field("b.transfer_id", Long.class),
                      field("b.strand_id", Short.class),
                      field("b.seq", Long.class),
                      field("b.kind", String.class),
                      field("b.debit", Long.class),
                      field("b.credit", Long.class),
                      field("b.amount", Long.class),
                      field("b.code", String.class),
                      field("b.key", String.class),
                      field("b.pending_id", Long.class),
                      field("b.reverses_id", Long.class),
                      field("b.expires_at", OffsetDateTime.class),
                      field("b.reference", String.class),
                      field("b.memo", String.class),
                      val(createdAt),
                      field("decode(b.hash, 'hex')", byte[].class))
                  .from(batch))
          .execute();
      return true;
    } catch (DataAccessException e) {
      SQLException cause = translated(e);
      if ("23505".equals(cause.getSQLState())
          && cause.getMessage().contains("transfer_network_id_idempotency_key_key")) {
        return false;
      }
      throw cause;
    }
  }

  /** Adds each changed account's net deltas to its balance columns, in account id order. */
  void applyBalances(Collection<AccountState> changed) throws SQLException {
    try {
      List<AccountState> sorted =
          changed.stream().sorted((a, b) -> Long.compare(a.id, b.id)).toList();
      int n = sorted.size();
      if (n == 0) {
        return;
      }
      var ids = new Long[n];
      var dp = new Long[n];
      var cp = new Long[n];
      var dpe = new Long[n];
      var cpe = new Long[n];
      for (int i = 0; i < n; i++) {
        AccountState a = sorted.get(i);
        ids[i] = a.id;
        dp[i] = a.deltaDebitsPosted();
        cp[i] = a.deltaCreditsPosted();
        dpe[i] = a.deltaDebitsPending();
        cpe[i] = a.deltaCreditsPending();
      }
      Table<?> d =
          org.jooq.impl.DSL.table(
              "unnest({0}, {1}, {2}, {3}, {4}) as d(account_id, dp, cp, dpe, cpe)",
              val(ids), val(dp), val(cp), val(dpe), val(cpe));
      int updated =
          sql.update(ACCOUNT)
              .set(ACCOUNT.DEBITS_POSTED, ACCOUNT.DEBITS_POSTED.plus(field("d.dp", Long.class)))
              .set(ACCOUNT.CREDITS_POSTED, ACCOUNT.CREDITS_POSTED.plus(field("d.cp", Long.class)))
              .set(ACCOUNT.DEBITS_PENDING, ACCOUNT.DEBITS_PENDING.plus(field("d.dpe", Long.class)))
              .set(
                  ACCOUNT.CREDITS_PENDING, ACCOUNT.CREDITS_PENDING.plus(field("d.cpe", Long.class)))
              .from(d)
              .where(ACCOUNT.NETWORK_ID.eq(network.value()))
              .and(ACCOUNT.ACCOUNT_ID.eq(field("d.account_id", Long.class)))
              .execute();
      if (updated != n) {
        throw new IllegalStateException("updated " + updated + " balances, expected " + n);
      }
    } catch (DataAccessException e) {
      throw translated(e);
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
    try {
      for (var e : heads.entrySet()) {
        sql.update(STRAND)
            .set(STRAND.HEAD_SEQ, e.getValue().seq())
            .set(STRAND.HEAD_HASH, e.getValue().hash())
            .where(STRAND.NETWORK_ID.eq(network.value()))
            .and(STRAND.STRAND_ID.eq(e.getKey().id()))
            .execute();
      }
    } catch (DataAccessException e) {
      throw translated(e);
    }
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
