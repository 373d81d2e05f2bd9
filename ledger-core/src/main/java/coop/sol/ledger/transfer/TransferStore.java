package coop.sol.ledger.transfer;

import static coop.sol.ledger.jooq.Tables.TRANSFER;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.db.Placeholders;
import coop.sol.ledger.db.ReadSource;
import coop.sol.ledger.db.ReadSource.Freshness;
import coop.sol.ledger.jooq.tables.records.TransferRecord;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Reads the journal through jOOQ, but for an account's history page, whose SQL is written out (the
 * writer's SQL is {@link JournalStore}'s), and maps journal rows to {@link Transfer}s for both;
 * jOOQ records stay in the stores.
 */
final class TransferStore {
  /** The primary, and where reads that may lag run (a replica, or the primary). */
  private final ReadSource reads;

  private final DSLContext sql;

  TransferStore(ReadSource reads) {
    this.reads = reads;
    this.sql = DSL.using(reads.primary(), SQLDialect.POSTGRES);
  }

  Optional<Transfer> find(NetworkId network, TransferId id) {
    return sql.selectFrom(TRANSFER)
        .where(TRANSFER.NETWORK_ID.eq(network.value()))
        .and(TRANSFER.TRANSFER_ID.eq(id.value()))
        .fetchOptional(TransferStore::toTransfer);
  }

  /** {@code networks} is not empty. */
  Optional<Transfer> findIn(Collection<NetworkId> networks, TransferId id) {
    return sql.selectFrom(TRANSFER)
        .where(TRANSFER.NETWORK_ID.in(networks.stream().map(NetworkId::value).toList()))
        .and(TRANSFER.TRANSFER_ID.eq(id.value()))
        .fetchOptional(TransferStore::toTransfer);
  }

  Optional<Transfer> findByKey(NetworkId network, IdempotencyKey key) {
    return sql.selectFrom(TRANSFER)
        .where(TRANSFER.NETWORK_ID.eq(network.value()))
        .and(TRANSFER.IDEMPOTENCY_KEY.eq(key.value()))
        .fetchOptional(TransferStore::toTransfer);
  }

  /** A coordinator's search of the network's transfers, newest first (on the primary). */
  List<Transfer> search(NetworkId network, TransferSearch q) {
    Condition filter = TRANSFER.NETWORK_ID.eq(network.value());
    if (q.id() != null) {
      filter = filter.and(TRANSFER.TRANSFER_ID.eq(q.id().value()));
    }
    if (q.reference() != null) {
      String pattern =
          "%"
              + q.reference().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
              + "%";
      filter = filter.and(TRANSFER.REFERENCE.likeIgnoreCase(pattern, '\\'));
    }
    if (q.amount() != null) {
      filter = filter.and(TRANSFER.AMOUNT.eq(q.amount()));
    }
    if (q.from() != null) {
      filter = filter.and(TRANSFER.CREATED_AT.ge(q.from().atOffset(ZoneOffset.UTC)));
    }
    if (q.to() != null) {
      filter = filter.and(TRANSFER.CREATED_AT.lt(q.to().atOffset(ZoneOffset.UTC)));
    }
    return sql.selectFrom(TRANSFER)
        .where(filter)
        .orderBy(TRANSFER.TRANSFER_ID.desc())
        .limit(q.limit())
        .fetch(TransferStore::toTransfer);
  }

  /**
   * One page of the journal rows that debit or credit {@code account}, newest first. Each side is
   * read through its own (account, id) index and the two are merged, so a page costs the same
   * however long the history is.
   */
  List<Transfer> history(
      NetworkId network, AccountId account, HistoryQuery q, Freshness freshness) {
    var filter = new StringBuilder(" = ?");
    if (q.before() != null) {
      filter.append(" AND transfer_id < ?");
    }
    if (q.from() != null) {
      filter.append(" AND created_at >= ?");
    }
    if (q.to() != null) {
      filter.append(" AND created_at < ?");
    }
    if (!q.codes().isEmpty()) {
      filter.append(" AND code IN (").append(Placeholders.of(q.codes().size())).append(')');
    }
    filter.append(" ORDER BY transfer_id DESC LIMIT ?)");
    String text =
        "SELECT * FROM ("
            + SIDE
            + "debit_account_id"
            + filter
            + " UNION ALL "
            + SIDE
            + "credit_account_id"
            + filter
            + ") h ORDER BY transfer_id DESC LIMIT ?";
    DataSource source = freshness == Freshness.CURRENT ? reads.primary() : reads.mayLag();
    try (Connection c = source.getConnection();
        PreparedStatement select = c.prepareStatement(text)) {
      int p = 1;
      for (int sideOf = 0; sideOf < 2; sideOf++) {
        select.setLong(p++, network.value());
        select.setLong(p++, account.value());
        if (q.before() != null) {
          select.setLong(p++, q.before().value());
        }
        if (q.from() != null) {
          select.setObject(p++, q.from().atOffset(ZoneOffset.UTC));
        }
        if (q.to() != null) {
          select.setObject(p++, q.to().atOffset(ZoneOffset.UTC));
        }
        for (TransferCode code : q.codes()) {
          select.setString(p++, code.name());
        }
        select.setInt(p++, q.limit());
      }
      select.setInt(p, q.limit());
      var page = new ArrayList<Transfer>(q.limit());
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          page.add(toTransfer(r));
        }
      }
      return page;
    } catch (SQLException e) {
      throw new DataAccessException("SQL [" + text + "]; " + e.getMessage(), e);
    }
  }

  /**
   * The beginning of either side of a history page's statement, up to the account column it looks
   * in: the journal's columns in the order {@link #toTransfer(ResultSet)} reads them. Written in
   * SQL because a history page is every account page's query, and jOOQ building, rendering and
   * mapping it was two thirds of its time in this store (JFR, {@code -Dwrk.profile=history}).
   */
  private static final String SIDE =
      "(SELECT network_id, transfer_id, strand_id, seq, kind, debit_account_id, credit_account_id,"
          + " amount, code, idempotency_key, pending_id, reverses_id, expires_at, reference, memo,"
          + " created_at, hash FROM transfer WHERE network_id = ? AND ";

  private static Transfer toTransfer(ResultSet r) throws SQLException {
    long pending = r.getLong(11);
    Optional<TransferId> pendingId =
        r.wasNull() ? Optional.empty() : Optional.of(new TransferId(pending));
    long reverses = r.getLong(12);
    Optional<TransferId> reversesId =
        r.wasNull() ? Optional.empty() : Optional.of(new TransferId(reverses));
    OffsetDateTime expiresAt = r.getObject(13, OffsetDateTime.class);
    return new Transfer(
        new NetworkId(r.getLong(1)),
        new TransferId(r.getLong(2)),
        StrandKind.ofId(r.getShort(3)),
        r.getLong(4),
        TransferKind.valueOf(r.getString(5)),
        new AccountId(r.getLong(6)),
        new AccountId(r.getLong(7)),
        r.getLong(8),
        TransferCode.valueOf(r.getString(9)),
        new IdempotencyKey(r.getString(10)),
        pendingId,
        reversesId,
        Optional.ofNullable(expiresAt).map(OffsetDateTime::toInstant),
        r.getString(14),
        r.getString(15),
        r.getObject(16, OffsetDateTime.class).toInstant(),
        r.getBytes(17));
  }

  /**
   * The account's posted balance (credits minus debits, minor units) from the rows written before
   * {@code instant}: what it held then. Pending reservations do not count.
   */
  long postedBalanceBefore(NetworkId network, AccountId account, Instant instant) {
    var posted =
        TRANSFER
            .NETWORK_ID
            .eq(network.value())
            .and(TRANSFER.KIND.in(TransferKind.POSTED.name(), TransferKind.POST_PENDING.name()))
            .and(TRANSFER.CREATED_AT.lt(instant.atOffset(ZoneOffset.UTC)));
    var credits =
        sql.select(DSL.coalesce(DSL.sum(TRANSFER.AMOUNT), java.math.BigDecimal.ZERO))
            .from(TRANSFER)
            .where(posted.and(TRANSFER.CREDIT_ACCOUNT_ID.eq(account.value())))
            .fetchOne(0, long.class);
    var debits =
        sql.select(DSL.coalesce(DSL.sum(TRANSFER.AMOUNT), java.math.BigDecimal.ZERO))
            .from(TRANSFER)
            .where(posted.and(TRANSFER.DEBIT_ACCOUNT_ID.eq(account.value())))
            .fetchOne(0, long.class);
    return Math.subtractExact(credits, debits);
  }

  /** Streams a strand's journal in chain order (seq ascending), without loading it all. */
  void forEachInJournal(NetworkId network, StrandKind strand, Consumer<Transfer> action) {
    sql.transaction(
        tx -> {
          try (var cursor =
              tx.dsl()
                  .selectFrom(TRANSFER)
                  .where(TRANSFER.NETWORK_ID.eq(network.value()))
                  .and(TRANSFER.STRAND_ID.eq(strand.id()))
                  .orderBy(TRANSFER.SEQ)
                  .fetchSize(5_000)
                  .fetchLazy()) {
            cursor.forEach(r -> action.accept(toTransfer(r)));
          }
        });
  }

  /**
   * The ids of at most {@code max} pending transfers of a network whose timeout is at or before
   * {@code now} and that nothing resolved yet, soonest expired first.
   */
  List<TransferId> dueExpiries(NetworkId network, Instant now, int max) {
    var resolution = TRANSFER.as("r");
    return sql
        .select(TRANSFER.TRANSFER_ID)
        .from(TRANSFER)
        .where(TRANSFER.NETWORK_ID.eq(network.value()))
        .and(TRANSFER.KIND.eq(TransferKind.PENDING.name()))
        .and(TRANSFER.EXPIRES_AT.le(now.atOffset(ZoneOffset.UTC)))
        .and(
            notExists(
                selectOne()
                    .from(resolution)
                    .where(resolution.NETWORK_ID.eq(TRANSFER.NETWORK_ID))
                    .and(resolution.PENDING_ID.eq(TRANSFER.TRANSFER_ID))))
        .orderBy(TRANSFER.EXPIRES_AT)
        .limit(max)
        .fetch(TRANSFER.TRANSFER_ID)
        .stream()
        .map(TransferId::new)
        .toList();
  }

  /** A journal row as a {@link Transfer}; for this package's stores only. */
  static Transfer toTransfer(TransferRecord r) {
    return new Transfer(
        new NetworkId(r.getNetworkId()),
        new TransferId(r.getTransferId()),
        StrandKind.ofId(r.getStrandId()),
        r.getSeq(),
        TransferKind.valueOf(r.getKind()),
        new AccountId(r.getDebitAccountId()),
        new AccountId(r.getCreditAccountId()),
        r.getAmount(),
        TransferCode.valueOf(r.getCode()),
        new IdempotencyKey(r.getIdempotencyKey()),
        Optional.ofNullable(r.getPendingId()).map(TransferId::new),
        Optional.ofNullable(r.getReversesId()).map(TransferId::new),
        Optional.ofNullable(r.getExpiresAt()).map(OffsetDateTime::toInstant),
        r.getReference(),
        r.getMemo(),
        r.getCreatedAt().toInstant(),
        r.getHash());
  }
}
