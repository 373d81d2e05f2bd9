package coop.sol.ledger.report;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Maintains the report aggregates of each network behind a watermark, after the fact: the write
 * path never waits for it. A step reads, per strand, the journal rows after the strand's watermark
 * (at most {@code batchRows} of them, and never past the strand's committed head) and upserts the
 * daily and monthly aggregates and the new watermark in one transaction: a crash loses nothing and
 * folds nothing twice. One aggregator works on a network at a time (a PostgreSQL advisory lock; a
 * second one is told {@link AggregationRun#busy()} and does nothing), and the watermark update is
 * conditional on the watermark read, so a row is never counted twice.
 *
 * <p>Scheduling: call {@link #catchUpAll()} every few seconds (each call folds what was posted
 * since the last one); {@link #catchUp} does one network until it reaches the heads.
 */
public final class Aggregator {
  /** Default rows per strand per transaction. */
  public static final int DEFAULT_BATCH_ROWS = 200_000;

  /** First key of the two-int advisory lock of a network's aggregator ("SOR"). */
  static final int LOCK_CLASS = 0x534F52;

  private final DataSource dataSource;
  private final int batchRows;

  public Aggregator(DataSource dataSource) {
    this(dataSource, DEFAULT_BATCH_ROWS);
  }

  public Aggregator(DataSource dataSource, int batchRows) {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows is >= 1");
    }
    this.dataSource = dataSource;
    this.batchRows = batchRows;
  }

  /** Folds every network's new rows; for a scheduler. Busy networks are skipped this time. */
  public List<AggregationRun> catchUpAll() {
    var runs = new ArrayList<AggregationRun>();
    for (long id : networkIds()) {
      runs.add(catchUp(new NetworkId(id)));
    }
    return runs;
  }

  /** Steps until every strand has reached the head it had when the step began. */
  public AggregationRun catchUp(NetworkId network) {
    var total = new EnumMap<StrandKind, Long>(StrandKind.class);
    while (true) {
      AggregationRun step = step(network);
      if (step.busy()) {
        return new AggregationRun(network, true, total, step.watermarks());
      }
      step.folded().forEach((s, n) -> total.merge(s, n, Long::sum));
      if (step.folded().values().stream().noneMatch(n -> n >= batchRows)) {
        return new AggregationRun(network, false, total, step.watermarks());
      }
    }
  }

  /** One transaction: at most {@code batchRows} new rows per strand. */
  public AggregationRun step(NetworkId network) {
    return withLock(
        network,
        (c, sql) -> {
          prepare(sql, network.value());
          c.setAutoCommit(false);
          c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
          try {
            ZoneId zone = ReportStore.timeZone(sql, network.value());
            Map<StrandKind, Long> heads = ReportStore.heads(sql, network.value());
            Map<StrandKind, Long> marks = ReportStore.watermarks(sql, network.value());
            var folded = new EnumMap<StrandKind, Long>(StrandKind.class);
            for (var e : heads.entrySet()) {
              StrandKind strand = e.getKey();
              long from = marks.get(strand);
              long to = Math.min(e.getValue(), from + batchRows);
              if (to > from) {
                fold(sql, network.value(), strand, zone, from, to);
                folded.put(strand, to - from);
                marks.put(strand, to);
              }
            }
            c.commit();
            return new AggregationRun(network, false, folded, marks);
          } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
          } finally {
            c.setAutoCommit(true);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
          }
        });
  }

  /** The time zone whose days the aggregates use (Europe/Paris until changed). */
  public ZoneId timeZone(NetworkId network) {
    return Snapshot.read(dataSource, (c, sql) -> ReportStore.timeZone(sql, network.value()));
  }

  public Map<StrandKind, Long> watermarks(NetworkId network) {
    return Snapshot.read(dataSource, (c, sql) -> ReportStore.watermarks(sql, network.value()));
  }

  /**
   * Sets the report time zone and drops the network's aggregates in one transaction; the next runs
   * rebuild them from the journal (reports stay exact meanwhile, reading more of the journal).
   * Returns false, changing nothing, while another aggregator works on the network.
   */
  public boolean changeTimeZone(NetworkId network, ZoneId zone) {
    AggregationRun done =
        withLock(
            network,
            (c, sql) -> {
              prepare(sql, network.value());
              sql.transaction(
                  tx -> {
                    DSLContext t = tx.dsl();
                    long n = network.value();
                    for (String table :
                        List.of(
                            "report_flow_day",
                            "report_account_day",
                            "report_account_month",
                            "report_fonte_day")) {
                      t.execute("DELETE FROM " + table + " WHERE network_id = ?", n);
                    }
                    t.execute(
                        "UPDATE report_watermark SET last_seq = 0, updated_at = now()"
                            + " WHERE network_id = ?",
                        n);
                    t.execute(
                        "UPDATE report_setting SET time_zone = ? WHERE network_id = ?",
                        zone.getId(),
                        n);
                  });
              return new AggregationRun(network, false, Map.of(), Map.of());
            });
    return !done.busy();
  }

  private List<Long> networkIds() {
    return DSL.using(dataSource, SQLDialect.POSTGRES)
        .fetch("SELECT network_id FROM network ORDER BY network_id")
        .getValues(0, Long.class);
  }

  /** The setting and watermark rows exist (committed on their own; idempotent). */
  private static void prepare(DSLContext sql, long network) {
    sql.execute(
        "INSERT INTO report_setting (network_id) VALUES (?) ON CONFLICT DO NOTHING", network);
    sql.execute(
        "INSERT INTO report_watermark (network_id, strand_id)"
            + " SELECT network_id, strand_id FROM strand WHERE network_id = ?"
            + " ON CONFLICT DO NOTHING",
        network);
  }

  private interface Locked {
    AggregationRun run(Connection c, DSLContext sql) throws SQLException;
  }

  private AggregationRun withLock(NetworkId network, Locked work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      DSLContext sql = DSL.using(c, SQLDialect.POSTGRES);
      Boolean locked =
          sql.fetchOne("SELECT pg_try_advisory_lock(?, ?)", LOCK_CLASS, (int) network.value())
              .get(0, Boolean.class);
      if (!Boolean.TRUE.equals(locked)) {
        return new AggregationRun(network, true, Map.of(), Map.of());
      }
      try {
        return work.run(c, sql);
      } finally {
        sql.fetch("SELECT pg_advisory_unlock(?, ?)", LOCK_CLASS, (int) network.value());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("report aggregation failed: " + e.getMessage(), e);
    }
  }

  /**
   * Folds rows {@code (from, to]} of a strand into the aggregates and moves the watermark from
   * {@code from} to {@code to}, in one statement (data-modifying CTEs all run to completion).
   */
  private static void fold(
      DSLContext sql, long network, StrandKind strand, ZoneId zone, long from, long to) {
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
    if (updated != 1) {
      throw new IllegalStateException(
          "the watermark of " + strand + " moved during aggregation; nothing was folded");
    }
  }
}
