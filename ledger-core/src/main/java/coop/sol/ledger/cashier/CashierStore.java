package coop.sol.ledger.cashier;

import static coop.sol.ledger.jooq.Tables.APP_USER;
import static coop.sol.ledger.jooq.Tables.CASHIER_REFUND_LIMIT;
import static coop.sol.ledger.jooq.Tables.USER_ROLE;

import coop.sol.ledger.auditlog.AuditEntry;
import coop.sol.ledger.auditlog.AuditLogStore;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Cashiers' grants and their refund limits. */
public final class CashierStore {
  private static final String CASHIER = "CASHIER";

  private final DSLContext sql;

  public CashierStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /** The cashiers of merchant {@code merchantUsername} in {@code networks}, in grant order. */
  public List<StoredCashier> of(String merchantUsername, Set<NetworkId> networks) {
    if (networks.isEmpty()) {
      return List.of();
    }
    return cashiers(
        USER_ROLE
            .MERCHANT_REF
            .eq(merchantUsername)
            .and(USER_ROLE.NETWORK_ID.in(networks.stream().map(NetworkId::value).toList())));
  }

  public Optional<StoredCashier> find(long grantId) {
    return cashiers(USER_ROLE.USER_ROLE_ID.eq(grantId)).stream().findFirst();
  }

  /** The refund limit of a cashier's grant in a strand, if the merchant set one. */
  public OptionalLong limit(long grantId, StrandKind strand) {
    return sql.select(CASHIER_REFUND_LIMIT.REFUND_LIMIT)
        .from(CASHIER_REFUND_LIMIT)
        .where(CASHIER_REFUND_LIMIT.USER_ROLE_ID.eq(grantId))
        .and(CASHIER_REFUND_LIMIT.STRAND_KIND.eq(strand.name()))
        .fetchOptional(CASHIER_REFUND_LIMIT.REFUND_LIMIT)
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  /** Sets a cashier's limit (minor units) and writes its audit entry, in one transaction. */
  public void setLimit(
      long grantId, StrandKind strand, long limit, long setByUserId, AuditEntry audit) {
    sql.transaction(
        tx -> {
          tx.dsl()
              .insertInto(CASHIER_REFUND_LIMIT)
              .set(CASHIER_REFUND_LIMIT.USER_ROLE_ID, grantId)
              .set(CASHIER_REFUND_LIMIT.STRAND_KIND, strand.name())
              .set(CASHIER_REFUND_LIMIT.REFUND_LIMIT, limit)
              .set(CASHIER_REFUND_LIMIT.SET_BY_USER_ID, setByUserId)
              .onConflict(CASHIER_REFUND_LIMIT.USER_ROLE_ID, CASHIER_REFUND_LIMIT.STRAND_KIND)
              .doUpdate()
              .set(CASHIER_REFUND_LIMIT.REFUND_LIMIT, limit)
              .set(CASHIER_REFUND_LIMIT.SET_BY_USER_ID, setByUserId)
              .set(CASHIER_REFUND_LIMIT.SET_AT, DSL.currentOffsetDateTime())
              .execute();
          AuditLogStore.insert(tx.dsl(), audit);
        });
  }

  private List<StoredCashier> cashiers(Condition which) {
    return sql.select(
            USER_ROLE.USER_ROLE_ID,
            USER_ROLE.NETWORK_ID,
            USER_ROLE.MERCHANT_REF,
            APP_USER.USERNAME,
            APP_USER.DISPLAY_NAME)
        .from(USER_ROLE)
        .join(APP_USER)
        .on(APP_USER.USER_ID.eq(USER_ROLE.USER_ID))
        .where(USER_ROLE.ROLE.eq(CASHIER))
        .and(which)
        .orderBy(USER_ROLE.USER_ROLE_ID)
        .fetch(
            r ->
                new StoredCashier(
                    r.value1(),
                    new NetworkId(r.value2()),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    limits(r.value1())));
  }

  private Map<StrandKind, Long> limits(long grantId) {
    Map<StrandKind, Long> limits = new EnumMap<>(StrandKind.class);
    sql.select(CASHIER_REFUND_LIMIT.STRAND_KIND, CASHIER_REFUND_LIMIT.REFUND_LIMIT)
        .from(CASHIER_REFUND_LIMIT)
        .where(CASHIER_REFUND_LIMIT.USER_ROLE_ID.eq(grantId))
        .forEach(r -> limits.put(StrandKind.valueOf(r.value1()), r.value2()));
    return limits;
  }
}
