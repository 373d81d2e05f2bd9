package coop.sol.web.cashier;

import coop.sol.ledger.cashier.CashierStore;
import coop.sol.ledger.cashier.StoredCashier;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;

/**
 * The cashiers of a merchant and their refund limits. A cashier is identified by their grant (the
 * {@code user_role} row naming the merchant), so that one person working two shops has a limit per
 * shop.
 */
@Service
public class CashierRefundLimits {
  private final CashierStore store;
  private final AuditLog audit;

  public CashierRefundLimits(DataSource dataSource, AuditLog audit) {
    this.store = new CashierStore(dataSource);
    this.audit = audit;
  }

  /** The cashiers of merchant {@code merchantUsername} in {@code networks}. */
  public List<StoredCashier> of(String merchantUsername, Set<NetworkId> networks) {
    return store.of(merchantUsername, networks);
  }

  /** The refund limit of a cashier's grant in a strand, if the merchant set one. */
  public OptionalLong limit(long cashierGrantId, StrandKind strand) {
    return store.limit(cashierGrantId, strand);
  }

  /** Sets a limit (minor units) for one of the merchant's cashiers, and records it in the audit. */
  public StoredCashier setLimit(
      StoredCashier cashier,
      StrandKind strand,
      long limit,
      long merchantUserId,
      String merchantUsername,
      String clientAddress,
      String shownLimit) {
    store.setLimit(
        cashier.id(),
        strand,
        limit,
        merchantUserId,
        audit.entry(
            new AuditRecord(
                AuditAction.CASHIER_REFUND_LIMIT_SET,
                Set.of(cashier.network()),
                false,
                merchantUserId,
                merchantUsername,
                "cashier " + cashier.username(),
                clientAddress,
                Map.of("strand", strand.name(), "refundLimit", shownLimit))));
    return find(cashier.id()).orElseThrow();
  }

  public Optional<StoredCashier> find(long grantId) {
    return store.find(grantId);
  }
}
