package coop.sol.ledger.exchange;

import static coop.sol.ledger.jooq.Tables.ACCOUNT;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Reads the reserve's balances through jOOQ, in one statement (one snapshot); keeps the network's
 * limits on its offices' sales and the sales each office made each day.
 */
final class ExchangeStore {
  private final DSLContext sql;

  ExchangeStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /** {circulation, banked, tills} in minor units. */
  long[] reserveBalances(NetworkId network, AccountId issuance, AccountId reserve) {
    var balance = ACCOUNT.CREDITS_POSTED.minus(ACCOUNT.DEBITS_POSTED);
    var isTill =
        ACCOUNT
            .OWNER_KIND
            .eq(OwnerKind.EXCHANGE_OFFICE.name())
            .and(ACCOUNT.STRAND_ID.eq(StrandKind.EURO.id()));
    var circulation =
        coalesce(
            sum(when(ACCOUNT.ACCOUNT_ID.eq(issuance.value()), balance.neg()).else_(inline(0L))),
            BigDecimal.ZERO);
    var banked =
        coalesce(
            sum(when(ACCOUNT.ACCOUNT_ID.eq(reserve.value()), balance).else_(inline(0L))),
            BigDecimal.ZERO);
    var tills = coalesce(sum(when(isTill, balance).else_(inline(0L))), BigDecimal.ZERO);
    var r =
        sql.select(circulation, banked, tills)
            .from(ACCOUNT)
            .where(ACCOUNT.NETWORK_ID.eq(network.value()))
            .and(ACCOUNT.ACCOUNT_ID.in(issuance.value(), reserve.value()).or(isTill))
            .fetchOne();
    return new long[] {
      r.value1().longValueExact(), r.value2().longValueExact(), r.value3().longValueExact()
    };
  }

  ExchangeLimits limits(NetworkId network) {
    return sql.fetchOptional(
            "SELECT confirm_above, daily_limit FROM exchange_office_limits WHERE network_id = ?",
            network.value())
        .map(
            r -> new ExchangeLimits(optional(r.get(0, Long.class)), optional(r.get(1, Long.class))))
        .orElse(ExchangeLimits.NONE);
  }

  void setLimits(NetworkId network, ExchangeLimits limits, Instant at) {
    sql.execute(
        "INSERT INTO exchange_office_limits (network_id, confirm_above, daily_limit, updated_at)"
            + " VALUES (?, ?, ?, CAST(? AS timestamptz)) ON CONFLICT (network_id) DO UPDATE SET"
            + " confirm_above = excluded.confirm_above, daily_limit = excluded.daily_limit,"
            + " updated_at = excluded.updated_at",
        network.value(),
        boxed(limits.confirmAbove()),
        boxed(limits.dailyLimit()),
        at.toString());
  }

  /** The network's time zone, where an office's day begins and ends. */
  ZoneId timeZone(NetworkId network) {
    return sql.fetchOptional(
            "SELECT time_zone FROM report_setting WHERE network_id = ?", network.value())
        .map(r -> ZoneId.of(r.get(0, String.class)))
        .orElse(ZoneId.of("Europe/Paris"));
  }

  /** What the sale with {@code key} found when it was counted into its office's day. */
  enum Counted {
    COUNTED,
    /** the same key was counted before (a retry): counted once */
    ALREADY,
    OVER_LIMIT
  }

  /**
   * Counts a sale into its office's day unless the day's total would pass {@code limit}: in one
   * transaction holding an advisory lock on (network, office, day), so that sales on two
   * application instances are counted one after the other.
   */
  Counted count(
      NetworkId network,
      String officeRef,
      LocalDate day,
      String key,
      long euros,
      long limit,
      Instant at) {
    return sql.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          t.fetch(
              "SELECT pg_advisory_xact_lock(hashtextextended(CAST(? AS text) || '/' || CAST(? AS"
                  + " text) || '/' || CAST(? AS text), 70))",
              Long.toString(network.value()),
              officeRef,
              day.toString());
          if (t.fetchExists(
              DSL.selectOne()
                  .from(DSL.table("exchange_office_sale"))
                  .where(DSL.field("network_id").eq(network.value()))
                  .and(DSL.field("idempotency_key").eq(key)))) {
            return Counted.ALREADY;
          }
          Long sold =
              t.fetchOne(
                      "SELECT coalesce(sum(euros), 0)::bigint FROM exchange_office_sale"
                          + " WHERE network_id = ? AND office_ref = ? AND sale_day = CAST(? AS date)",
                      network.value(),
                      officeRef,
                      day.toString())
                  .get(0, Long.class);
          if (Math.addExact(sold, euros) > limit) {
            return Counted.OVER_LIMIT;
          }
          t.execute(
              "INSERT INTO exchange_office_sale"
                  + " (network_id, idempotency_key, office_ref, sale_day, euros, created_at)"
                  + " VALUES (?, ?, ?, CAST(? AS date), ?, CAST(? AS timestamptz))",
              network.value(),
              key,
              officeRef,
              day.toString(),
              euros,
              at.toString());
          return Counted.COUNTED;
        });
  }

  /** Takes back a sale counted for a purchase the ledger then rejected. */
  void uncount(NetworkId network, String key) {
    sql.execute(
        "DELETE FROM exchange_office_sale WHERE network_id = ? AND idempotency_key = ?",
        network.value(),
        key);
  }

  /** The euros an office took on {@code day} (minor units), as counted for its daily limit. */
  long soldOn(NetworkId network, String officeRef, LocalDate day) {
    return sql.fetchOne(
            "SELECT coalesce(sum(euros), 0)::bigint FROM exchange_office_sale"
                + " WHERE network_id = ? AND office_ref = ? AND sale_day = CAST(? AS date)",
            network.value(),
            officeRef,
            day.toString())
        .get(0, Long.class);
  }

  private static OptionalLong optional(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  private static Long boxed(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : null;
  }
}
