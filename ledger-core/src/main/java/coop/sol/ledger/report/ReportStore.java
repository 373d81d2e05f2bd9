package coop.sol.ledger.report;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.report.PeriodFacts.AccountTotals;
import coop.sol.ledger.report.PeriodFacts.FlowKey;
import coop.sol.ledger.transfer.TransferKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
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
import org.jooq.impl.SQLDataType;

/**
 * The report package's SQL (plain SQL through jOOQ; no jOOQ record leaves this class), on one
 * connection: the reports read the aggregates and the journal within one snapshot ({@link
 * #snapshot}), the aggregator folds the journal into the aggregates holding a network's advisory
 * lock ({@link #withLock}).
 */
final class ReportStore {
  static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

  /** The first day any aggregate can have: a lower bound for "every day before". */
  static final LocalDate BEGINNING = LocalDate.of(1, 1, 1);

  private static final String MOVEMENT = "kind IN ('POSTED', 'POST_PENDING')";
  private static final String EFFECT =
      "CASE WHEN debit_kind = 'SYSTEM' AND credit_kind <> 'SYSTEM' THEN amount"
          + " WHEN debit_kind <> 'SYSTEM' AND credit_kind = 'SYSTEM' THEN -amount ELSE 0 END";

  private final Connection connection;
  private final DSLContext sql;

  private ReportStore(Connection connection) {
    this.connection = connection;
    this.sql = DSL.using(connection, SQLDialect.POSTGRES);
  }

  interface Work<T> {
    T run(ReportStore store) throws SQLException;
  }

  /**
   * Runs work in one REPEATABLE READ transaction on one connection: every statement sees the same
   * snapshot, so a strand's recorded head and its journal rows agree (the writer commits both
   * together, and commits a strand's rows in seq order, so the rows up to the head are all there).
   */
  static <T> T snapshot(DataSource dataSource, boolean readOnly, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      int isolation = c.getTransactionIsolation();
      boolean wasReadOnly = c.isReadOnly();
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(readOnly);
      try {
        T result = work.run(new ReportStore(c));
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
    } catch (SQLException e) {
      throw new IllegalStateException("report query failed: " + e.getMessage(), e);
    }
  }

  /**
   * Runs work on one connection, in autocommit, while it holds the two-int advisory lock ({@code
   * lockClass}, network); empty, having run nothing, while another session holds it.
   */
  static <T> Optional<T> withLock(
      DataSource dataSource, int lockClass, NetworkId network, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      var store = new ReportStore(c);
      Boolean locked =
          store
              .sql
              .fetchOne("SELECT pg_try_advisory_lock(?, ?)", lockClass, (int) network.value())
              .get(0, Boolean.class);
      if (!Boolean.TRUE.equals(locked)) {
        return Optional.empty();
      }
      try {
        return Optional.of(work.run(store));
      } finally {
        store.sql.fetch("SELECT pg_advisory_unlock(?, ?)", lockClass, (int) network.value());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("report aggregation failed: " + e.getMessage(), e);
    }
  }

  /**
   * Runs work in one REPEATABLE READ transaction on this store's connection (taken in autocommit),
   * and leaves the connection in autocommit, READ COMMITTED.
   */
  <T> T inRepeatableRead(Work<T> work) throws SQLException {
    connection.setAutoCommit(false);
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try {
      T result = work.run(this);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }
  }

  /** Every network's id, in id order (one statement on a connection of its own). */
  static List<Long> networkIds(DataSource dataSource) {
    return DSL.using(dataSource, SQLDialect.POSTGRES)
        .fetch("SELECT network_id FROM network ORDER BY network_id")
        .getValues(0, Long.class);
  }

  record NetworkInfo(String code, Map<StrandKind, Integer> scales) {}

  NetworkInfo network(long network) {
    String code =
        sql.fetchOptional("SELECT code FROM network WHERE network_id = ?", network)
            .map(r -> r.get(0, String.class))
            .orElseThrow(() -> new IllegalArgumentException("no network " + network));
    var scales = new EnumMap<StrandKind, Integer>(StrandKind.class);
    sql.fetch("SELECT strand_id, scale FROM strand WHERE network_id = ?", network)
        .forEach(
            r -> scales.put(StrandKind.ofId(r.get(0, Integer.class)), r.get(1, Integer.class)));
    return new NetworkInfo(code, scales);
  }

  ZoneId timeZone(long network) {
    return sql.fetchOptional("SELECT time_zone FROM report_setting WHERE network_id = ?", network)
        .map(r -> ZoneId.of(r.get(0, String.class)))
        .orElse(DEFAULT_ZONE);
  }

  Map<StrandKind, Long> heads(long network) {
    var heads = new EnumMap<StrandKind, Long>(StrandKind.class);
    sql.fetch("SELECT strand_id, head_seq FROM strand WHERE network_id = ?", network)
        .forEach(r -> heads.put(StrandKind.ofId(r.get(0, Integer.class)), r.get(1, Long.class)));
    return heads;
  }

  /** The aggregator's watermark per strand (0 where it never ran). */
  Map<StrandKind, Long> watermarks(long network) {
    var marks = new EnumMap<StrandKind, Long>(StrandKind.class);
    for (StrandKind s : StrandKind.values()) {
      marks.put(s, 0L);
    }
    sql.fetch("SELECT strand_id, last_seq FROM report_watermark WHERE network_id = ?", network)
        .forEach(r -> marks.put(StrandKind.ofId(r.get(0, Integer.class)), r.get(1, Long.class)));
    return marks;
  }

  long circulationBefore(long network, StrandKind strand, LocalDate day) {
    return sql.fetchOne(
            "SELECT coalesce(sum("
                + EFFECT
                + "), 0) FROM report_flow_day WHERE network_id = ? AND strand_id = ?"
                + " AND day < ? AND "
                + MOVEMENT,
            network,
            strand.id(),
            day)
        .get(0, BigDecimal.class)
        .longValueExact();
  }

  void dailyNet(long network, StrandKind strand, PeriodFacts facts) {
    sql.fetch(
            "SELECT day, sum("
                + EFFECT
                + ") FROM report_flow_day WHERE network_id = ? AND strand_id = ?"
                + " AND day >= ? AND day < ? AND "
                + MOVEMENT
                + " GROUP BY day",
            network,
            strand.id(),
            facts.period.from(),
            facts.period.to())
        .forEach(
            r ->
                facts.dailyNet.merge(
                    r.get(0, LocalDate.class),
                    r.get(1, BigDecimal.class).longValueExact(),
                    Math::addExact));
  }

  void flows(long network, StrandKind strand, PeriodFacts facts) {
    sql.fetch(
            "SELECT code, debit_kind, credit_kind, sum(transfers), sum(amount)"
                + " FROM report_flow_day WHERE network_id = ? AND strand_id = ?"
                + " AND day >= ? AND day < ? AND "
                + MOVEMENT
                + " GROUP BY code, debit_kind, credit_kind",
            network,
            strand.id(),
            facts.period.from(),
            facts.period.to())
        .forEach(
            r ->
                facts.flows.merge(
                    new FlowKey(
                        r.get(0, String.class),
                        OwnerKind.valueOf(r.get(1, String.class)),
                        OwnerKind.valueOf(r.get(2, String.class))),
                    new CountAmount(
                        r.get(3, BigDecimal.class).longValueExact(),
                        r.get(4, BigDecimal.class).longValueExact()),
                    CountAmount::plus));
  }

  void fonte(long network, StrandKind strand, PeriodFacts facts) {
    sql.fetch(
            "SELECT credit_account_id, sum(transfers), sum(amount) FROM report_fonte_day"
                + " WHERE network_id = ? AND strand_id = ? AND day >= ? AND day < ?"
                + " GROUP BY credit_account_id",
            network,
            strand.id(),
            facts.period.from(),
            facts.period.to())
        .forEach(
            r ->
                facts.fonte.merge(
                    r.get(0, Long.class),
                    new CountAmount(
                        r.get(1, BigDecimal.class).longValueExact(),
                        r.get(2, BigDecimal.class).longValueExact()),
                    CountAmount::plus));
  }

  /**
   * Days {@code [from, to)} as whole calendar months read from the monthly aggregates and the days
   * at either edge read from the daily ones.
   */
  record Split(
      LocalDate monthsFrom,
      LocalDate monthsTo,
      LocalDate headFrom,
      LocalDate headTo,
      LocalDate tailFrom,
      LocalDate tailTo) {
    static Split of(LocalDate from, LocalDate to) {
      LocalDate firstFull = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
      LocalDate lastFullEnd = to.withDayOfMonth(1);
      if (!firstFull.isBefore(lastFullEnd)) {
        return new Split(from, from, from, to, to, to);
      }
      return new Split(firstFull, lastFullEnd, from, firstFull, lastFullEnd, to);
    }
  }

  private static final String ACCOUNT_COLUMNS =
      "account_id, received, spent, count_in, count_out, payments_received, payments_spent,"
          + " payments_in, payments_out";

  /**
   * The account aggregate rows of days {@code [from, to)}: whole months from the monthly table,
   * edge days from the daily one. Only non-empty ranges are queried, each as one index range.
   */
  private static String accountAggregates(
      long network, StrandKind strand, Split s, List<Object> binds) {
    var parts = new ArrayList<String>();
    if (s.monthsFrom().isBefore(s.monthsTo())) {
      parts.add(
          "SELECT "
              + ACCOUNT_COLUMNS
              + " FROM report_account_month WHERE network_id = ? AND strand_id = ?"
              + " AND month >= ? AND month < ?");
      binds.addAll(List.of(network, strand.id(), s.monthsFrom(), s.monthsTo()));
    }
    for (LocalDate[] days :
        List.of(
            new LocalDate[] {s.headFrom(), s.headTo()},
            new LocalDate[] {s.tailFrom(), s.tailTo()})) {
      if (days[0].isBefore(days[1])) {
        parts.add(
            "SELECT "
                + ACCOUNT_COLUMNS
                + " FROM report_account_day WHERE network_id = ? AND strand_id = ?"
                + " AND day >= ? AND day < ?");
        binds.addAll(List.of(network, strand.id(), days[0], days[1]));
      }
    }
    if (parts.isEmpty()) {
      return "SELECT " + ACCOUNT_COLUMNS + " FROM report_account_day WHERE false";
    }
    return String.join(" UNION ALL ", parts);
  }

  /** Per account, its movements in the period; also records each account's owner and names. */
  void accountTotals(
      long network, StrandKind strand, PeriodFacts facts, Map<Long, AccountInfo> infos) {
    Split s = Split.of(facts.period.from(), facts.period.to());
    var binds = new ArrayList<Object>();
    String aggregates = accountAggregates(network, strand, s, binds);
    binds.add(network);
    sql.fetch(
            "SELECT x.account_id, a.owner_kind, a.owner_ref, a.name, sum(received), sum(spent),"
                + " sum(count_in), sum(count_out), sum(payments_received), sum(payments_spent),"
                + " sum(payments_in), sum(payments_out) FROM ("
                + aggregates
                + ") x JOIN account a ON a.network_id = ? AND a.account_id = x.account_id"
                + " GROUP BY x.account_id, a.owner_kind, a.owner_ref, a.name",
            binds.toArray())
        .forEach(
            r -> {
              long id = r.get(0, Long.class);
              infos.putIfAbsent(
                  id,
                  new AccountInfo(
                      id,
                      strand,
                      OwnerKind.valueOf(r.get(1, String.class)),
                      r.get(2, String.class),
                      r.get(3, String.class)));
              var t = new AccountTotals();
              t.received = longOf(r, 4);
              t.spent = longOf(r, 5);
              t.countIn = longOf(r, 6);
              t.countOut = longOf(r, 7);
              t.paymentsReceived = longOf(r, 8);
              t.paymentsSpent = longOf(r, 9);
              t.paymentsIn = longOf(r, 10);
              t.paymentsOut = longOf(r, 11);
              facts.accounts.computeIfAbsent(id, k -> new AccountTotals()).add(t);
            });
  }

  /** Euro ledger posted balances per account after every aggregated movement dated before day. */
  Map<Long, Long> euroBalancesBefore(long network, LocalDate day) {
    var balances = new HashMap<Long, Long>();
    var binds = new ArrayList<Object>();
    String aggregates =
        accountAggregates(network, StrandKind.EURO, Split.of(BEGINNING, day), binds);
    sql.fetch(
            "SELECT account_id, sum(received) - sum(spent) FROM ("
                + aggregates
                + ") x GROUP BY account_id",
            binds.toArray())
        .forEach(
            r -> balances.put(r.get(0, Long.class), r.get(1, BigDecimal.class).longValueExact()));
    return balances;
  }

  private static long longOf(Record r, int i) {
    return r.get(i, BigDecimal.class).longValueExact();
  }

  /**
   * The journal rows of a strand with seq in {@code (after, upTo]}, in seq order, streamed; each
   * with its accounts' owner kinds, recorded in {@code infos}.
   */
  void rows(
      long network,
      StrandKind strand,
      long after,
      long upTo,
      Map<Long, AccountInfo> infos,
      Consumer<JournalRow> action) {
    if (upTo <= after) {
      return;
    }
    try (var cursor =
        sql.resultQuery(
                "SELECT t.seq, t.kind, t.code, t.debit_account_id, t.credit_account_id, t.amount,"
                    + " t.created_at, da.owner_kind, da.owner_ref, da.name,"
                    + " ca.owner_kind, ca.owner_ref, ca.name"
                    + " FROM transfer t"
                    + " JOIN account da ON da.network_id = t.network_id"
                    + " AND da.account_id = t.debit_account_id"
                    + " JOIN account ca ON ca.network_id = t.network_id"
                    + " AND ca.account_id = t.credit_account_id"
                    + " WHERE t.network_id = ? AND t.strand_id = ? AND t.seq > ? AND t.seq <= ?"
                    + " ORDER BY t.seq",
                network,
                strand.id(),
                after,
                upTo)
            .fetchSize(10_000)
            .fetchLazy()) {
      for (Record r : cursor) {
        long debit = r.get(3, Long.class);
        long credit = r.get(4, Long.class);
        if (!infos.containsKey(debit)) {
          infos.put(
              debit,
              new AccountInfo(
                  debit,
                  strand,
                  OwnerKind.valueOf(r.get(7, String.class)),
                  r.get(8, String.class),
                  r.get(9, String.class)));
        }
        if (!infos.containsKey(credit)) {
          infos.put(
              credit,
              new AccountInfo(
                  credit,
                  strand,
                  OwnerKind.valueOf(r.get(10, String.class)),
                  r.get(11, String.class),
                  r.get(12, String.class)));
        }
        action.accept(
            new JournalRow(
                strand,
                r.get(0, Long.class),
                TransferKind.valueOf(r.get(1, String.class)),
                r.get(2, String.class),
                debit,
                credit,
                r.get(5, Long.class),
                r.get(6, OffsetDateTime.class).toInstant()));
      }
    }
  }

  /** The owner and names of the given accounts that {@code infos} does not hold yet. */
  void accountInfos(long network, Collection<Long> ids, Map<Long, AccountInfo> infos) {
    var missing = ids.stream().filter(id -> !infos.containsKey(id)).toArray(Long[]::new);
    if (missing.length == 0) {
      return;
    }
    sql.fetch(
            "SELECT account_id, strand_id, owner_kind, owner_ref, name FROM account"
                + " WHERE network_id = ? AND account_id = ANY(?)",
            network,
            org.jooq.impl.DSL.val(missing, SQLDataType.BIGINT.array()))
        .forEach(
            r ->
                infos.put(
                    r.get(0, Long.class),
                    new AccountInfo(
                        r.get(0, Long.class),
                        StrandKind.ofId(r.get(1, Integer.class)),
                        OwnerKind.valueOf(r.get(2, String.class)),
                        r.get(3, String.class),
                        r.get(4, String.class))));
  }

  // --- the aggregator's statements, on the connection holding the network's lock

  /** The setting and watermark rows exist (committed on their own; idempotent). */
  void prepare(long network) {
    sql.execute(
        "INSERT INTO report_setting (network_id) VALUES (?) ON CONFLICT DO NOTHING", network);
    sql.execute(
        "INSERT INTO report_watermark (network_id, strand_id)"
            + " SELECT network_id, strand_id FROM strand WHERE network_id = ?"
            + " ON CONFLICT DO NOTHING",
        network);
  }

  /**
   * In one transaction: drops the network's aggregates, sets its watermarks back to 0 and its
   * report time zone to {@code zone}.
   */
  void resetAggregates(long network, ZoneId zone) {
    sql.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          for (String table :
              List.of(
                  "report_flow_day",
                  "report_account_day",
                  "report_account_month",
                  "report_fonte_day")) {
            t.execute("DELETE FROM " + table + " WHERE network_id = ?", network);
          }
          t.execute(
              "UPDATE report_watermark SET last_seq = 0, updated_at = now()"
                  + " WHERE network_id = ?",
              network);
          t.execute(
              "UPDATE report_setting SET time_zone = ? WHERE network_id = ?",
              zone.getId(),
              network);
        });
  }

  /**
   * Folds rows {@code (from, to]} of a strand into the aggregates and moves the watermark from
   * {@code from} to {@code to}, in one statement (data-modifying CTEs all run to completion).
   * Returns false if the watermark was not at {@code from} (the caller's transaction must then roll
   * back what the statement folded).
   */
  boolean fold(long network, StrandKind strand, ZoneId zone, long from, long to) {
    String accountUpsert =
        " ON CONFLICT (network_id, strand_id, %1$s, account_id) DO UPDATE SET"
            + " received = a.received + excluded.received, spent = a.spent + excluded.spent,"
            + " count_in = a.count_in + excluded.count_in,"
            + " count_out = a.count_out + excluded.count_out,"
            + " payments_received = a.payments_received + excluded.payments_received,"
            + " payments_spent = a.payments_spent + excluded.payments_spent,"
            + " payments_in = a.payments_in + excluded.payments_in,"
            + " payments_out = a.payments_out + excluded.payments_out";
    String accountColumns =
        "(network_id, strand_id, %1$s, account_id, received, spent, count_in, count_out,"
            + " payments_received, payments_spent, payments_in, payments_out)";
    String accountSums =
        " sum(received), sum(spent), sum(count_in), sum(count_out), sum(payments_received),"
            + " sum(payments_spent), sum(payments_in), sum(payments_out) FROM sides";
    int updated =
        sql.execute(
            "WITH r AS MATERIALIZED ("
                + " SELECT t.network_id, t.strand_id, t.kind, t.code, t.debit_account_id AS debit,"
                + " t.credit_account_id AS credit, t.amount,"
                + " (t.created_at AT TIME ZONE ?::text)::date AS day,"
                + " da.owner_kind AS debit_kind, ca.owner_kind AS credit_kind"
                + " FROM transfer t"
                + " JOIN account da ON da.network_id = t.network_id"
                + " AND da.account_id = t.debit_account_id"
                + " JOIN account ca ON ca.network_id = t.network_id"
                + " AND ca.account_id = t.credit_account_id"
                + " WHERE t.network_id = ? AND t.strand_id = ? AND t.seq > ? AND t.seq <= ?),"
                + " flow AS (INSERT INTO report_flow_day AS f (network_id, strand_id, day, code,"
                + " kind, debit_kind, credit_kind, transfers, amount)"
                + " SELECT network_id, strand_id, day, code, kind, debit_kind, credit_kind,"
                + " count(*), sum(amount) FROM r"
                + " GROUP BY network_id, strand_id, day, code, kind, debit_kind, credit_kind"
                + " ON CONFLICT (network_id, strand_id, day, code, kind, debit_kind, credit_kind)"
                + " DO UPDATE SET transfers = f.transfers + excluded.transfers,"
                + " amount = f.amount + excluded.amount),"
                + " sides AS MATERIALIZED ("
                + " SELECT network_id, strand_id, day, debit AS account_id, 0::bigint AS received,"
                + " amount AS spent, 0 AS count_in, 1 AS count_out, 0::bigint AS payments_received,"
                + " CASE WHEN code = 'PAYMENT' THEN amount ELSE 0 END AS payments_spent,"
                + " 0 AS payments_in, CASE WHEN code = 'PAYMENT' THEN 1 ELSE 0 END AS payments_out"
                + " FROM r WHERE kind IN ('POSTED', 'POST_PENDING')"
                + " UNION ALL"
                + " SELECT network_id, strand_id, day, credit, amount, 0, 1, 0,"
                + " CASE WHEN code = 'PAYMENT' THEN amount ELSE 0 END, 0,"
                + " CASE WHEN code = 'PAYMENT' THEN 1 ELSE 0 END, 0"
                + " FROM r WHERE kind IN ('POSTED', 'POST_PENDING')),"
                + " per_day AS (INSERT INTO report_account_day AS a "
                + accountColumns.formatted("day")
                + " SELECT network_id, strand_id, day, account_id,"
                + accountSums
                + " GROUP BY network_id, strand_id, day, account_id"
                + accountUpsert.formatted("day")
                + "),"
                + " per_month AS (INSERT INTO report_account_month AS a "
                + accountColumns.formatted("month")
                + " SELECT network_id, strand_id, date_trunc('month', day::timestamp)::date,"
                + " account_id,"
                + accountSums
                + " GROUP BY network_id, strand_id, date_trunc('month', day::timestamp)::date,"
                + " account_id"
                + accountUpsert.formatted("month")
                + "),"
                + " fonte AS (INSERT INTO report_fonte_day AS fd (network_id, strand_id, day,"
                + " credit_account_id, transfers, amount)"
                + " SELECT network_id, strand_id, day, credit, count(*), sum(amount) FROM r"
                + " WHERE code = 'FONTE' AND kind IN ('POSTED', 'POST_PENDING')"
                + " GROUP BY network_id, strand_id, day, credit"
                + " ON CONFLICT (network_id, strand_id, day, credit_account_id) DO UPDATE SET"
                + " transfers = fd.transfers + excluded.transfers,"
                + " amount = fd.amount + excluded.amount)"
                + " UPDATE report_watermark SET last_seq = ?, updated_at = now()"
                + " WHERE network_id = ? AND strand_id = ? AND last_seq = ?",
            zone.getId(),
            network,
            strand.id(),
            from,
            to,
            to,
            network,
            strand.id(),
            from);
    return updated == 1;
  }
}
