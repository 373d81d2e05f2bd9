package coop.sol.web.cashier;

import static coop.sol.ledger.jooq.Tables.APP_USER;
import static coop.sol.ledger.jooq.Tables.CASHIER_REFUND_LIMIT;
import static coop.sol.ledger.jooq.Tables.USER_ROLE;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import coop.sol.web.user.Role;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;

/**
 * The cashiers of a merchant and their refund limits. A cashier is identified by their grant (the
 * {@code user_role} row naming the merchant), so that one person working two shops has a limit per
 * shop.
 */
@Service
public class CashierRefundLimits {
  private final DSLContext sql;
  private final AuditLog audit;

  public CashierRefundLimits(DSLContext sql, AuditLog audit) {
    this.sql = sql;
    this.audit = audit;
  }

  /**
   * A cashier of a merchant.
   *
   * @param id the cashier's grant id
   * @param merchant the username of the merchant whose till they work
   * @param limits refund limits in minor units, per strand; a strand without one allows no refund
   */
  public record Cashier(
      long id,
      NetworkId network,
      String merchant,
      String username,
      String displayName,
      Map<StrandKind, Long> limits) {
    public Cashier {
      limits = Map.copyOf(limits);
    }
  }

  /** The cashiers of merchant {@code merchantUsername} in {@code networks}. */
  public List<Cashier> of(String merchantUsername, Set<NetworkId> networks) {
    if (networks.isEmpty()) {
      return List.of();
    }
    return sql.select(
            USER_ROLE.USER_ROLE_ID,
            USER_ROLE.NETWORK_ID,
            USER_ROLE.MERCHANT_REF,
            APP_USER.USERNAME,
            APP_USER.DISPLAY_NAME)
        .from(USER_ROLE)
        .join(APP_USER)
        .on(APP_USER.USER_ID.eq(USER_ROLE.USER_ID))
        .where(USER_ROLE.ROLE.eq(Role.CASHIER.name()))
        .and(USER_ROLE.MERCHANT_REF.eq(merchantUsername))
        .and(USER_ROLE.NETWORK_ID.in(networks.stream().map(NetworkId::value).toList()))
        .orderBy(USER_ROLE.USER_ROLE_ID)
        .fetch(
            r ->
                new Cashier(
                    r.value1(),
                    new NetworkId(r.value2()),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    limits(r.value1())));
  }

  /** The refund limit of a cashier's grant in a strand, if the merchant set one. */
  public OptionalLong limit(long cashierGrantId, StrandKind strand) {
    return sql.select(CASHIER_REFUND_LIMIT.REFUND_LIMIT)
        .from(CASHIER_REFUND_LIMIT)
        .where(CASHIER_REFUND_LIMIT.USER_ROLE_ID.eq(cashierGrantId))
        .and(CASHIER_REFUND_LIMIT.STRAND_KIND.eq(strand.name()))
        .fetchOptional(CASHIER_REFUND_LIMIT.REFUND_LIMIT)
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  /** Sets a limit (minor units) for one of the merchant's cashiers, and records it in the audit. */
  public Cashier setLimit(
      Cashier cashier,
      StrandKind strand,
      long limit,
      long merchantUserId,
      String merchantUsername,
      String clientAddress,
      String shownLimit) {
    sql.transaction(
        tx -> {
          tx.dsl()
              .insertInto(CASHIER_REFUND_LIMIT)
              .set(CASHIER_REFUND_LIMIT.USER_ROLE_ID, cashier.id())
              .set(CASHIER_REFUND_LIMIT.STRAND_KIND, strand.name())
              .set(CASHIER_REFUND_LIMIT.REFUND_LIMIT, limit)
              .set(CASHIER_REFUND_LIMIT.SET_BY_USER_ID, merchantUserId)
              .onConflict(CASHIER_REFUND_LIMIT.USER_ROLE_ID, CASHIER_REFUND_LIMIT.STRAND_KIND)
              .doUpdate()
              .set(CASHIER_REFUND_LIMIT.REFUND_LIMIT, limit)
              .set(CASHIER_REFUND_LIMIT.SET_BY_USER_ID, merchantUserId)
              .set(CASHIER_REFUND_LIMIT.SET_AT, DSL.currentOffsetDateTime())
              .execute();
          audit.record(
              tx.dsl(),
              new AuditRecord(
                  AuditAction.CASHIER_REFUND_LIMIT_SET,
                  Set.of(cashier.network()),
                  false,
                  merchantUserId,
                  merchantUsername,
                  "cashier " + cashier.username(),
                  clientAddress,
                  Map.of("strand", strand.name(), "refundLimit", shownLimit)));
        });
    return find(cashier.id()).orElseThrow();
  }

  public Optional<Cashier> find(long grantId) {
    return sql.select(
            USER_ROLE.USER_ROLE_ID,
            USER_ROLE.NETWORK_ID,
            USER_ROLE.MERCHANT_REF,
            APP_USER.USERNAME,
            APP_USER.DISPLAY_NAME)
        .from(USER_ROLE)
        .join(APP_USER)
        .on(APP_USER.USER_ID.eq(USER_ROLE.USER_ID))
        .where(USER_ROLE.USER_ROLE_ID.eq(grantId))
        .and(USER_ROLE.ROLE.eq(Role.CASHIER.name()))
        .fetchOptional(
            r ->
                new Cashier(
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
