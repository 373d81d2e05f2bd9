package coop.sol.ledger.till;

import static coop.sol.ledger.jooq.Tables.APP_USER;
import static coop.sol.ledger.jooq.Tables.PAYMENT_REQUEST;
import static coop.sol.ledger.jooq.Tables.PAY_TOKEN;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.transfer.TransferId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Reads the QR sales tills took, from the payment codes' tables, through jOOQ. */
final class TillDayStore {
  private final DSLContext sql;

  TillDayStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /** A sale as stored, before its refunds are counted. */
  record Row(
      TransferId payment,
      TillSale.Kind kind,
      long takenBy,
      String takenByName,
      AccountId merchantAccount,
      AccountId payerAccount,
      long amount,
      Instant at,
      String reference) {}

  /**
   * The sales paid in [from, to) to these merchant accounts, taken by {@code takenBy} (null: by
   * anyone), oldest first.
   */
  List<Row> sales(
      NetworkId network,
      Collection<AccountId> merchantAccounts,
      Long takenBy,
      Instant from,
      Instant to) {
    List<Long> accounts = merchantAccounts.stream().map(AccountId::value).toList();
    List<Row> rows = new ArrayList<>();
    Condition requests =
        PAYMENT_REQUEST
            .NETWORK_ID
            .eq(network.value())
            .and(PAYMENT_REQUEST.MERCHANT_ACCOUNT_ID.in(accounts))
            .and(PAYMENT_REQUEST.PAID_TRANSFER_ID.isNotNull())
            .and(PAYMENT_REQUEST.PAID_AT.ge(from.atOffset(ZoneOffset.UTC)))
            .and(PAYMENT_REQUEST.PAID_AT.lt(to.atOffset(ZoneOffset.UTC)));
    if (takenBy != null) {
      requests = requests.and(PAYMENT_REQUEST.CREATED_BY_USER_ID.eq(takenBy));
    }
    sql.select(
            PAYMENT_REQUEST.PAID_TRANSFER_ID,
            PAYMENT_REQUEST.CREATED_BY_USER_ID,
            APP_USER.DISPLAY_NAME,
            PAYMENT_REQUEST.MERCHANT_ACCOUNT_ID,
            PAYMENT_REQUEST.PAYER_ACCOUNT_ID,
            PAYMENT_REQUEST.AMOUNT,
            PAYMENT_REQUEST.PAID_AT,
            PAYMENT_REQUEST.REFERENCE)
        .from(PAYMENT_REQUEST)
        .join(APP_USER)
        .on(APP_USER.USER_ID.eq(PAYMENT_REQUEST.CREATED_BY_USER_ID))
        .where(requests)
        .forEach(
            r ->
                rows.add(
                    new Row(
                        new TransferId(r.value1()),
                        TillSale.Kind.REQUEST,
                        r.value2(),
                        r.value3(),
                        new AccountId(r.value4()),
                        new AccountId(r.value5()),
                        r.value6(),
                        r.value7().toInstant(),
                        r.value8())));
    Condition tokens =
        PAY_TOKEN
            .NETWORK_ID
            .eq(network.value())
            .and(PAY_TOKEN.MERCHANT_ACCOUNT_ID.in(accounts))
            .and(PAY_TOKEN.USED_TRANSFER_ID.isNotNull())
            .and(PAY_TOKEN.USED_AT.ge(from.atOffset(ZoneOffset.UTC)))
            .and(PAY_TOKEN.USED_AT.lt(to.atOffset(ZoneOffset.UTC)));
    if (takenBy != null) {
      tokens = tokens.and(PAY_TOKEN.REDEEMER_USER_ID.eq(takenBy));
    }
    sql.select(
            PAY_TOKEN.USED_TRANSFER_ID,
            PAY_TOKEN.REDEEMER_USER_ID,
            APP_USER.DISPLAY_NAME,
            PAY_TOKEN.MERCHANT_ACCOUNT_ID,
            PAY_TOKEN.MEMBER_ACCOUNT_ID,
            PAY_TOKEN.AMOUNT,
            PAY_TOKEN.USED_AT)
        .from(PAY_TOKEN)
        .join(APP_USER)
        .on(APP_USER.USER_ID.eq(PAY_TOKEN.REDEEMER_USER_ID))
        .where(tokens)
        .forEach(
            r ->
                rows.add(
                    new Row(
                        new TransferId(r.value1()),
                        TillSale.Kind.TOKEN,
                        r.value2(),
                        r.value3(),
                        new AccountId(r.value4()),
                        new AccountId(r.value5()),
                        r.value6(),
                        r.value7().toInstant(),
                        "")));
    rows.sort(java.util.Comparator.comparing(Row::at).thenComparing(r -> r.payment().value()));
    return rows;
  }

  /** Who took the sale whose payment is {@code payment}: the user's id, if a till took it. */
  Optional<Long> takenBy(NetworkId network, TransferId payment) {
    Optional<Long> request =
        sql.select(PAYMENT_REQUEST.CREATED_BY_USER_ID)
            .from(PAYMENT_REQUEST)
            .where(PAYMENT_REQUEST.NETWORK_ID.eq(network.value()))
            .and(PAYMENT_REQUEST.PAID_TRANSFER_ID.eq(payment.value()))
            .fetchOptional(PAYMENT_REQUEST.CREATED_BY_USER_ID);
    if (request.isPresent()) {
      return request;
    }
    return sql.select(PAY_TOKEN.REDEEMER_USER_ID)
        .from(PAY_TOKEN)
        .where(PAY_TOKEN.NETWORK_ID.eq(network.value()))
        .and(PAY_TOKEN.USED_TRANSFER_ID.eq(payment.value()))
        .fetchOptional(PAY_TOKEN.REDEEMER_USER_ID);
  }
}
