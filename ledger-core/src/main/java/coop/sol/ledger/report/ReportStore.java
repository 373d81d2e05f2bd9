package coop.sol.ledger.report;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.report.PeriodFacts.AccountTotals;
import coop.sol.ledger.report.PeriodFacts.FlowKey;
import coop.sol.ledger.transfer.TransferKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.SQLDataType;

/**
 * The report package's SQL (plain SQL through jOOQ; no jOOQ record leaves this class). Reads the
 * aggregates and the journal within the caller's snapshot.
 */
final class ReportStore {
  static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

  /** The first day any aggregate can have: a lower bound for "every day before". */
  static final LocalDate BEGINNING = LocalDate.of(1, 1, 1);

  private static final String MOVEMENT = "kind IN ('POSTED', 'POST_PENDING')";
  private static final String EFFECT =
      "CASE WHEN debit_kind = 'SYSTEM' AND credit_kind <> 'SYSTEM' THEN amount"
          + " WHEN debit_kind <> 'SYSTEM' AND credit_kind = 'SYSTEM' THEN -amount ELSE 0 END";

  private ReportStore() {}

  record NetworkInfo(String code, Map<StrandKind, Integer> scales) {}

  static NetworkInfo network(DSLContext sql, long network) {
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

  static ZoneId timeZone(DSLContext sql, long network) {
    return sql.fetchOptional("SELECT time_zone FROM report_setting WHERE network_id = ?", network)
        .map(r -> ZoneId.of(r.get(0, String.class)))
        .orElse(DEFAULT_ZONE);
  }

  static Map<StrandKind, Long> heads(DSLContext sql, long network) {
    var heads = new EnumMap<StrandKind, Long>(StrandKind.class);
    sql.fetch("SELECT strand_id, head_seq FROM strand WHERE network_id = ?", network)
        .forEach(r -> heads.put(StrandKind.ofId(r.get(0, Integer.class)), r.get(1, Long.class)));
    return heads;
  }

  /** The aggregator's watermark per strand (0 where it never ran). */
  static Map<StrandKind, Long> watermarks(DSLContext sql, long network) {
    var marks = new EnumMap<StrandKind, Long>(StrandKind.class);
    for (StrandKind s : StrandKind.values()) {
      marks.put(s, 0L);
    }
    sql.fetch("SELECT strand_id, last_seq FROM report_watermark WHERE network_id = ?", network)
        .forEach(r -> marks.put(StrandKind.ofId(r.get(0, Integer.class)), r.get(1, Long.class)));
    return marks;
  }

  static long circulationBefore(DSLContext sql, long network, StrandKind strand, LocalDate day) {
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

  static void dailyNet(DSLContext sql, long network, StrandKind strand, PeriodFacts facts) {
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

  static void flows(DSLContext sql, long network, StrandKind strand, PeriodFacts facts) {
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

  static void fonte(DSLContext sql, long network, StrandKind strand, PeriodFacts facts) {
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
  static void accountTotals(
      DSLContext sql,
      long network,
      StrandKind strand,
      PeriodFacts facts,
      Map<Long, AccountInfo> infos) {
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
  static Map<Long, Long> euroBalancesBefore(DSLContext sql, long network, LocalDate day) {
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
  static void rows(
      DSLContext sql,
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
  static void accountInfos(
      DSLContext sql, long network, Collection<Long> ids, Map<Long, AccountInfo> infos) {
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
}
