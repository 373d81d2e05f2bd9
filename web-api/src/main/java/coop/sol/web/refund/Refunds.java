package coop.sol.web.refund;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.refund.RefundOrder;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import coop.sol.web.auth.Caller;
import coop.sol.web.cashier.CashierRefundLimits;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.transfer.ClientKeys;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Refunds of a payment a merchant received, for the API, the pages and the till alike:
 * ledger-core's refund (REFUND transfers reversing the payment's transfers, all its legs for a
 * payment drawn on several voucher lots; never more than what is left of it). This class
 * authorizes: the payment is one the caller takes payments for (else 404), and a cashier refunds at
 * most the limit their merchant set them (REFUND_LIMIT_EXCEEDED).
 */
@Service
public class Refunds {
  private final Ledger ledger;
  private final coop.sol.ledger.refund.Refunds refunds;
  private final AccountAccess access;
  private final NetworkDirectory networks;
  private final CashierRefundLimits cashiers;
  private final AuditLog audit;

  Refunds(
      Ledger ledger,
      Operations operations,
      AccountAccess access,
      NetworkDirectory networks,
      CashierRefundLimits cashiers,
      AuditLog audit) {
    this.ledger = ledger;
    this.refunds = operations.refunds();
    this.access = access;
    this.networks = networks;
    this.cashiers = cashiers;
    this.audit = audit;
  }

  /**
   * A refund made; {@code transfer} is its first REFUND transfer, {@code replayed} when an earlier
   * request with the same key made it.
   */
  public record Refunded(Transfer transfer, long amount, boolean replayed) {}

  /**
   * @param amountText the amount to refund; null for all that is left of the payment
   * @param memo shown to both sides; may be null
   */
  public Refunded refund(
      Caller caller,
      long paymentId,
      String clientKey,
      String amountText,
      String memo,
      String clientAddress) {
    IdempotencyKey key = ClientKeys.ledgerKey(caller, clientKey);
    Transfer payment =
        paymentId <= 0 || caller.networks().isEmpty()
            ? null
            : ledger.transfers().findIn(caller.networks(), new TransferId(paymentId)).orElse(null);
    Account merchant =
        payment == null ? null : access.till(caller, payment.credit().value()).orElse(null);
    if (merchant == null) {
      // not a payment to a till of the caller's: as if it did not exist
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    NetworkId network = merchant.network();
    int scale = networks.scale(network, merchant.strand());
    Amount requested = amountText == null ? null : ApiAmounts.parse(amountText, scale);
    if (!access.holds(caller, merchant)) {
      // a cashier: within the limit the merchant set them, for this strand
      long amount =
          requested != null
              ? requested.minorUnits()
              : LedgerProblems.done(refunds.refundable(network, payment.id()));
      OptionalLong limit = cashierLimit(caller, merchant);
      if (limit.isEmpty() || amount > limit.getAsLong()) {
        throw new ApiProblemException(ProblemCode.REFUND_LIMIT_EXCEEDED);
      }
    }
    ClientKeys.checkUnusedElsewhere(ledger, caller, network, key);
    var refunded =
        LedgerProblems.done(
            refunds.refund(
                new RefundOrder(network, key, merchant.id(), payment.id(), requested, memo)));
    Transfer first = refunded.transfers().get(0);
    if (!refunded.replayed()) {
      audit.record(
          new AuditRecord(
              AuditAction.REFUND_ISSUED,
              Set.of(network),
              false,
              caller.userId(),
              caller.username(),
              "transfer " + payment.id().value(),
              clientAddress,
              Map.of(
                  "refundTransferId",
                  first.id().value(),
                  "amount",
                  Decimals.format(refunded.amount(), scale),
                  "merchantAccountId",
                  merchant.id().value())));
    }
    return new Refunded(first, refunded.amount(), refunded.replayed());
  }

  private OptionalLong cashierLimit(Caller caller, Account merchant) {
    return cashiers.of(merchant.ownerRef(), Set.of(merchant.network())).stream()
        .filter(cashier -> cashier.username().equals(caller.username()))
        .findFirst()
        .map(cashier -> cashiers.limit(cashier.id(), merchant.strand()))
        .orElse(OptionalLong.empty());
  }
}
