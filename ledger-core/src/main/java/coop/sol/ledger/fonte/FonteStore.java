package coop.sol.ledger.fonte;

import static coop.sol.ledger.jooq.Tables.FONTE_RUN;
import static coop.sol.ledger.jooq.Tables.TRANSFER;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.val;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.jooq.tables.records.FonteRunRecord;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.FontePeriod;
import coop.sol.ledger.transfer.TransferCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The fonte's queries: subject accounts, runs, charges already posted. */
final class FonteStore {
  private final DSLContext sql;

  FonteStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /** An account subject to the fonte of a period, read in one snapshot. */
  record Subject(
      AccountId account,
      OwnerKind ownerKind,
      String ownerRef,
      long balanceAtPeriodEnd,
      long availableNow) {}

  /**
   * The accounts of the strand the fonte of [start, end) applies to: open, held by a member, a
   * merchant or an association, not the fund nor a lot of earmarked vouchers (which expires
   * instead, and pays nothing but merchants of its categories); credited before the period started
   * (so they existed and held money through it); with a posted balance at the end of the period
   * that is strictly positive; and no outgoing payment posted during the period. The balance at the
   * end is the current posted balance minus what was posted to the account since (one statement:
   * one snapshot, so a transfer committing meanwhile cannot be half counted).
   *
   * <p>Cost: the movements since the end are found by scanning the strand's journal rows of the
   * network (created_at has no index, to spare the write path one), so runs are cheap when made
   * soon after their period and grow with the journal otherwise.
   */
  List<Subject> subjects(
      NetworkId network,
      StrandKind strand,
      Instant start,
      Instant end,
      AccountId fund,
      Set<TransferCode> outgoing) {
    String codes =
        outgoing.stream().map(c -> "'" + c.name() + "'").sorted().collect(Collectors.joining(", "));
    String query =
        """
        WITH after_end AS (
          SELECT account_id, sum(delta) AS net FROM (
            SELECT credit_account_id AS account_id, amount AS delta FROM transfer
             WHERE network_id = {0} AND strand_id = {1} AND kind IN ('POSTED', 'POST_PENDING')
               AND created_at >= {3}
            UNION ALL
            SELECT debit_account_id, -amount FROM transfer
             WHERE network_id = {0} AND strand_id = {1} AND kind IN ('POSTED', 'POST_PENDING')
               AND created_at >= {3}
          ) moves GROUP BY account_id
        )
        SELECT a.account_id, a.owner_kind, a.owner_ref,
               (a.credits_posted - a.debits_posted - coalesce(e.net, 0))::bigint AS at_end,
               a.credits_posted - a.debits_posted - a.debits_pending AS available_now
          FROM account a LEFT JOIN after_end e ON e.account_id = a.account_id
         WHERE a.network_id = {0} AND a.strand_id = {1} AND a.status = 'OPEN'
           AND a.owner_kind IN ('MEMBER', 'MERCHANT', 'ASSOCIATION') AND a.account_id <> {4}
           AND NOT EXISTS (SELECT 1 FROM voucher_lot l
                            WHERE l.network_id = a.network_id AND l.lot_account_id = a.account_id)
           AND a.credits_posted - a.debits_posted - coalesce(e.net, 0) > 0
           AND EXISTS (SELECT 1 FROM transfer t
                        WHERE t.network_id = a.network_id AND t.credit_account_id = a.account_id
                          AND t.kind IN ('POSTED', 'POST_PENDING') AND t.created_at < {2})
           AND NOT EXISTS (SELECT 1 FROM transfer t
                        WHERE t.network_id = a.network_id AND t.debit_account_id = a.account_id
                          AND t.kind IN ('POSTED', 'POST_PENDING') AND t.code IN (%s)
                          AND t.created_at >= {2} AND t.created_at < {3})
         ORDER BY a.account_id
        """
            .formatted(codes);
    return sql.resultQuery(
            query,
            val(network.value()),
            val(strand.id()),
            val(utc(start)),
            val(utc(end)),
            val(fund.value()))
        .fetch(
            r ->
                new Subject(
                    new AccountId(r.get("account_id", Long.class)),
                    OwnerKind.valueOf(r.get("owner_kind", String.class)),
                    r.get("owner_ref", String.class),
                    r.get("at_end", Long.class),
                    r.get("available_now", Long.class)));
  }

  /** The transfers posted with any of these keys: key → {transfer id, amount}. */
  Map<String, long[]> postedByKey(NetworkId network, Collection<String> keys) {
    var found = new HashMap<String, long[]>();
    if (keys.isEmpty()) {
      return found;
    }
    sql.select(TRANSFER.IDEMPOTENCY_KEY, TRANSFER.TRANSFER_ID, TRANSFER.AMOUNT)
        .from(TRANSFER)
        .where(TRANSFER.NETWORK_ID.eq(network.value()))
        .and(
            TRANSFER.IDEMPOTENCY_KEY.eq(
                any(val(keys.toArray(String[]::new), SQLDataType.VARCHAR.array()))))
        .forEach(r -> found.put(r.value1(), new long[] {r.value2(), r.value3()}));
    return found;
  }

  /** Records the run of a period unless it exists; returns the run either way. */
  FonteRun startRun(
      NetworkId network,
      StrandKind strand,
      FontePeriod period,
      long ruleVersion,
      Actor by,
      Instant at) {
    sql.insertInto(FONTE_RUN)
        .set(FONTE_RUN.NETWORK_ID, network.value())
        .set(FONTE_RUN.STRAND_ID, strand.id())
        .set(FONTE_RUN.PERIOD_START, period.start())
        .set(FONTE_RUN.PERIOD_END, period.end())
        .set(FONTE_RUN.RULE_VERSION_ID, ruleVersion)
        .set(FONTE_RUN.STARTED_BY, by.id())
        .set(FONTE_RUN.STARTED_AT, utc(at))
        .onConflictDoNothing()
        .execute();
    return run(network, strand, period).orElseThrow();
  }

  Optional<FonteRun> run(NetworkId network, StrandKind strand, FontePeriod period) {
    return sql.selectFrom(FONTE_RUN)
        .where(FONTE_RUN.NETWORK_ID.eq(network.value()))
        .and(FONTE_RUN.STRAND_ID.eq(strand.id()))
        .and(FONTE_RUN.PERIOD_START.eq(period.start()))
        .and(FONTE_RUN.PERIOD_END.eq(period.end()))
        .fetchOptional(FonteStore::toRun);
  }

  /** A run of another period of the strand that overlaps this one (the schedule changed). */
  boolean overlapsOtherRun(NetworkId network, StrandKind strand, FontePeriod period) {
    return sql.fetchExists(
        sql.selectOne()
            .from(FONTE_RUN)
            .where(FONTE_RUN.NETWORK_ID.eq(network.value()))
            .and(FONTE_RUN.STRAND_ID.eq(strand.id()))
            .and(FONTE_RUN.PERIOD_START.lt(period.end()))
            .and(FONTE_RUN.PERIOD_END.gt(period.start()))
            .and(
                FONTE_RUN
                    .PERIOD_START
                    .ne(period.start())
                    .or(FONTE_RUN.PERIOD_END.ne(period.end()))));
  }

  /** Writes the run's totals (a summary of the journal) and, if it is settled, its completion. */
  FonteRun record(FonteRun run, int count, long total, Instant completedAt) {
    var update =
        sql.update(FONTE_RUN)
            .set(FONTE_RUN.CHARGED_COUNT, count)
            .set(FONTE_RUN.CHARGED_TOTAL, total);
    if (completedAt != null) {
      update = update.set(FONTE_RUN.COMPLETED_AT, utc(completedAt));
    }
    return update
        .where(FONTE_RUN.NETWORK_ID.eq(run.network().value()))
        .and(FONTE_RUN.RUN_ID.eq(run.id()))
        .returning()
        .fetchOptional()
        .map(FonteStore::toRun)
        .orElseThrow();
  }

  List<FonteRun> runs(NetworkId network, StrandKind strand) {
    return sql.selectFrom(FONTE_RUN)
        .where(FONTE_RUN.NETWORK_ID.eq(network.value()))
        .and(FONTE_RUN.STRAND_ID.eq(strand.id()))
        .orderBy(FONTE_RUN.PERIOD_START)
        .fetch(FonteStore::toRun);
  }

  private static FonteRun toRun(FonteRunRecord r) {
    return new FonteRun(
        new NetworkId(r.getNetworkId()),
        r.getRunId(),
        StrandKind.ofId(r.getStrandId()),
        new FontePeriod(r.getPeriodStart(), r.getPeriodEnd()),
        r.getRuleVersionId(),
        new Actor(r.getStartedBy()),
        r.getStartedAt().toInstant(),
        Optional.ofNullable(r.getCompletedAt()).map(OffsetDateTime::toInstant),
        r.getChargedCount(),
        r.getChargedTotal());
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
