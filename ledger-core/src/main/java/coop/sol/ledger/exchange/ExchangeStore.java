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
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Reads the reserve's balances through jOOQ, in one statement (one snapshot). */
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
}
