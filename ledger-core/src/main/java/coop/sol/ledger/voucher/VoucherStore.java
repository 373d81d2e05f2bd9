package coop.sol.ledger.voucher;

import static coop.sol.ledger.jooq.Tables.ACCOUNT;
import static coop.sol.ledger.jooq.Tables.TRANSFER;
import static coop.sol.ledger.jooq.Tables.VOUCHER_LOT;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.jooq.tables.records.VoucherLotRecord;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.transfer.TransferCode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** The voucher_lot table through jOOQ, read with the lots' balances. */
final class VoucherStore {
  private final DSLContext sql;

  VoucherStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /** Inserts the lot unless its grant key exists; returns whether it was inserted. */
  boolean insert(VoucherLot lot) {
    return sql.insertInto(VOUCHER_LOT)
            .set(VOUCHER_LOT.NETWORK_ID, lot.network().value())
            .set(VOUCHER_LOT.LOT_ACCOUNT_ID, lot.account().value())
            .set(VOUCHER_LOT.GRANT_KEY, lot.grantKey())
            .set(VOUCHER_LOT.FUNDER_ACCOUNT_ID, lot.funder().value())
            .set(VOUCHER_LOT.BENEFICIARY_REF, lot.beneficiaryRef())
            .set(VOUCHER_LOT.AMOUNT, lot.amount())
            .set(VOUCHER_LOT.EXPIRES_AT, lot.expiresAt().atOffset(ZoneOffset.UTC))
            .set(VOUCHER_LOT.CATEGORIES, lot.categories().stream().sorted().toArray(String[]::new))
            .set(VOUCHER_LOT.CREATED_AT, lot.grantedAt().atOffset(ZoneOffset.UTC))
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  Optional<VoucherLot> byGrantKey(NetworkId network, String grantKey) {
    return sql.selectFrom(VOUCHER_LOT)
        .where(VOUCHER_LOT.NETWORK_ID.eq(network.value()))
        .and(VOUCHER_LOT.GRANT_KEY.eq(grantKey))
        .fetchOptional(VoucherStore::toLot);
  }

  Optional<VoucherHolding> holding(NetworkId network, AccountId lot) {
    return withBalances(network)
        .and(VOUCHER_LOT.LOT_ACCOUNT_ID.eq(lot.value()))
        .fetchOptional(VoucherStore::toHolding);
  }

  /** The beneficiary's lots with what is left of each, earliest expiry first (then oldest lot). */
  List<VoucherHolding> holdings(NetworkId network, String beneficiaryRef) {
    return withBalances(network)
        .and(VOUCHER_LOT.BENEFICIARY_REF.eq(beneficiaryRef))
        .orderBy(VOUCHER_LOT.EXPIRES_AT, VOUCHER_LOT.LOT_ACCOUNT_ID)
        .fetch(VoucherStore::toHolding);
  }

  /**
   * The lots granted from {@code funders}, newest first (at most {@code limit}), with what is left
   * of each and what their expiry returned, and the totals over all of them.
   */
  FunderLots grantedBy(NetworkId network, Collection<AccountId> funders, int limit) {
    List<Long> ids = funders.stream().map(AccountId::value).toList();
    if (ids.isEmpty()) {
      return new FunderLots(List.of(), 0, 0, 0, 0);
    }
    org.jooq.Field<Long> returned = returned().as("returned");
    List<GrantedLot> lots =
        sql.select(VOUCHER_LOT.fields())
            .select(available().as("available"), ACCOUNT.STATUS, ACCOUNT.NAME, returned)
            .from(VOUCHER_LOT)
            .join(ACCOUNT)
            .on(ACCOUNT.NETWORK_ID.eq(VOUCHER_LOT.NETWORK_ID))
            .and(ACCOUNT.ACCOUNT_ID.eq(VOUCHER_LOT.LOT_ACCOUNT_ID))
            .where(VOUCHER_LOT.NETWORK_ID.eq(network.value()))
            .and(VOUCHER_LOT.FUNDER_ACCOUNT_ID.in(ids))
            .orderBy(VOUCHER_LOT.CREATED_AT.desc(), VOUCHER_LOT.LOT_ACCOUNT_ID.desc())
            .limit(limit)
            .fetch(
                r ->
                    new GrantedLot(
                        toHolding(r), r.get(ACCOUNT.NAME), r.get("returned", Long.class)));
    Record totals =
        sql.select(
                DSL.count(),
                DSL.coalesce(DSL.sum(VOUCHER_LOT.AMOUNT), java.math.BigDecimal.ZERO),
                DSL.coalesce(DSL.sum(available()), java.math.BigDecimal.ZERO),
                DSL.coalesce(DSL.sum(returned()), java.math.BigDecimal.ZERO))
            .from(VOUCHER_LOT)
            .join(ACCOUNT)
            .on(ACCOUNT.NETWORK_ID.eq(VOUCHER_LOT.NETWORK_ID))
            .and(ACCOUNT.ACCOUNT_ID.eq(VOUCHER_LOT.LOT_ACCOUNT_ID))
            .where(VOUCHER_LOT.NETWORK_ID.eq(network.value()))
            .and(VOUCHER_LOT.FUNDER_ACCOUNT_ID.in(ids))
            .fetchOne();
    return new FunderLots(
        lots,
        totals.get(0, Long.class),
        totals.get(1, Long.class),
        totals.get(2, Long.class),
        totals.get(3, Long.class));
  }

  /** What the expiry sweep returned from the lot of the current row to its funder. */
  private static org.jooq.Field<Long> returned() {
    return DSL.field(
            DSL.select(DSL.coalesce(DSL.sum(TRANSFER.AMOUNT), java.math.BigDecimal.ZERO))
                .from(TRANSFER)
                .where(TRANSFER.NETWORK_ID.eq(VOUCHER_LOT.NETWORK_ID))
                .and(TRANSFER.DEBIT_ACCOUNT_ID.eq(VOUCHER_LOT.LOT_ACCOUNT_ID))
                .and(TRANSFER.CREDIT_ACCOUNT_ID.eq(VOUCHER_LOT.FUNDER_ACCOUNT_ID))
                .and(TRANSFER.CODE.eq(TransferCode.VOUCHER_EXPIRY.name())))
        .cast(Long.class);
  }

  /** Lots expired at {@code now} that still hold something, with their total credits so far. */
  List<ExpiredLot> expiredWithBalance(NetworkId network, Instant now, int limit) {
    return withBalances(network)
        .and(VOUCHER_LOT.EXPIRES_AT.le(now.atOffset(ZoneOffset.UTC)))
        .and(available().gt(0L))
        .orderBy(VOUCHER_LOT.EXPIRES_AT, VOUCHER_LOT.LOT_ACCOUNT_ID)
        .limit(limit)
        .fetch(r -> new ExpiredLot(toHolding(r), r.get(ACCOUNT.CREDITS_POSTED)));
  }

  /** An expired lot to sweep; {@code creditsPosted} identifies its state (it only grows). */
  record ExpiredLot(VoucherHolding holding, long creditsPosted) {}

  private org.jooq.SelectConditionStep<Record> withBalances(NetworkId network) {
    return sql.select(VOUCHER_LOT.fields())
        .select(available().as("available"), ACCOUNT.CREDITS_POSTED, ACCOUNT.STATUS)
        .from(VOUCHER_LOT)
        .join(ACCOUNT)
        .on(ACCOUNT.NETWORK_ID.eq(VOUCHER_LOT.NETWORK_ID))
        .and(ACCOUNT.ACCOUNT_ID.eq(VOUCHER_LOT.LOT_ACCOUNT_ID))
        .where(VOUCHER_LOT.NETWORK_ID.eq(network.value()));
  }

  private static org.jooq.Field<Long> available() {
    return ACCOUNT.CREDITS_POSTED.minus(ACCOUNT.DEBITS_POSTED).minus(ACCOUNT.DEBITS_PENDING);
  }

  private static VoucherHolding toHolding(Record r) {
    return new VoucherHolding(
        toLot(r.into(VOUCHER_LOT)),
        r.get("available", Long.class),
        AccountStatus.valueOf(r.get(ACCOUNT.STATUS)));
  }

  private static VoucherLot toLot(VoucherLotRecord r) {
    return new VoucherLot(
        new NetworkId(r.getNetworkId()),
        new AccountId(r.getLotAccountId()),
        r.getGrantKey(),
        new AccountId(r.getFunderAccountId()),
        r.getBeneficiaryRef(),
        r.getAmount(),
        r.getExpiresAt().toInstant(),
        Set.of(r.getCategories()),
        r.getCreatedAt().toInstant());
  }
}
