package coop.sol.web.refund;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.refund.RefundOrder;
import coop.sol.ledger.till.TillDays;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.RejectionReason;
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
 * most the limit their merchant set them (REFUND_LIMIT_EXCEEDED), and of the QR sales only those
 * they took themselves (REFUND_NOT_YOUR_SALE).
 */
@Service
public class Refunds {
  private final Ledger ledger;
  private final coop.sol.ledger.refund.Refunds refunds;
  private final TillDays tillDays;
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
    this.tillDays = operations.tillDays();
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
   * A payment to a till of the caller's, as a till shows it before refunding: {@code left} in minor
   * units of the merchant account's strand ({@code scale} decimals), 0 once fully refunded.
   */
  public record Sale(Transfer payment, Account merchant, String payer, long left, int scale) {}

  /** A refund checked and not yet made: {@code amount} in minor units, at most what is left. */
  public record RefundPreview(Sale sale, long amount) {}

  /**
   * What is left to refund of a payment the caller takes payments for, in minor units (404 when it
   * is not one).
   */
  public long left(Caller caller, long paymentId) {
    Transfer payment = payment(caller, paymentId);
    return LedgerProblems.done(refunds.refundable(payment.network(), payment.id()));
  }

  /** A payment the caller takes payments for, with what is left to refund (else 404). */
  public Sale sale(Caller caller, long paymentId) {
    Transfer payment = payment(caller, paymentId);
    Account merchant = access.till(caller, payment.credit().value()).orElseThrow();
    int scale = networks.scale(merchant.network(), merchant.strand());
    long left = LedgerProblems.done(refunds.refundable(merchant.network(), payment.id()));
    String payer =
        ledger.accounts().find(payment.network(), payment.debit()).map(Account::name).orElse("");
    return new Sale(payment, merchant, payer, left, scale);
  }

  /**
   * Checks a refund before it is made, as the till's confirmation asks: the amount typed (blank:
   * REFUND_AMOUNT_REQUIRED, never "all of it"), no more than what is left
   * (REVERSAL_EXCEEDS_ORIGINAL), within a cashier's limit (REFUND_LIMIT_EXCEEDED, whose {@code
   * limit} property says the limit that applies).
   */
  public RefundPreview preview(Caller caller, Sale sale, String amountText) {
    if (amountText == null || amountText.isBlank()) {
      throw new ApiProblemException(ProblemCode.REFUND_AMOUNT_REQUIRED);
    }
    long amount = ApiAmounts.parse(amountText.strip(), sale.scale()).minorUnits();
    if (amount > sale.left()) {
      // as the ledger would refuse it
      throw LedgerProblems.problem(RejectionReason.REVERSAL_EXCEEDS_ORIGINAL);
    }
    checkCashier(caller, sale.merchant(), sale.payment().id(), amount, sale.scale());
    return new RefundPreview(sale, amount);
  }

  /**
   * @param amountText the amount to refund; null for all that is left of the payment (the API's
   *     absent field), blank refused (REFUND_AMOUNT_REQUIRED)
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
    Transfer payment = payment(caller, paymentId);
    Account merchant = access.till(caller, payment.credit().value()).orElseThrow();
    NetworkId network = merchant.network();
    int scale = networks.scale(network, merchant.strand());
    if (amountText != null && amountText.isBlank()) {
      throw new ApiProblemException(ProblemCode.REFUND_AMOUNT_REQUIRED);
    }
    Amount requested = amountText == null ? null : ApiAmounts.parse(amountText, scale);
    long amount =
        requested != null
            ? requested.minorUnits()
            : LedgerProblems.done(refunds.refundable(network, payment.id()));
    checkCashier(caller, merchant, payment.id(), amount, scale);
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

  /** The payment, when it is one to a till of the caller's; else 404, as if it did not exist. */
  private Transfer payment(Caller caller, long paymentId) {
    Transfer payment =
        paymentId <= 0 || caller.networks().isEmpty()
            ? null
            : ledger.transfers().findIn(caller.networks(), new TransferId(paymentId)).orElse(null);
    if (payment == null || access.till(caller, payment.credit().value()).isEmpty()) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    return payment;
  }

  /**
   * A cashier refunds within the limit the merchant set them for this strand; the refusal says it
   * ({@code limit}, a decimal string, absent when none was set).
   */
  private void checkCashier(
      Caller caller, Account merchant, TransferId payment, long amount, int scale) {
    if (access.holds(caller, merchant)) {
      return;
    }
    // a QR sale another person at the till took is theirs (or the merchant's) to refund
    var takenBy = tillDays.takenBy(merchant.network(), payment);
    if (takenBy.isPresent() && takenBy.get() != caller.userId()) {
      throw new ApiProblemException(ProblemCode.REFUND_NOT_YOUR_SALE);
    }
    OptionalLong limit = cashierLimit(caller, merchant);
    if (limit.isEmpty() || amount > limit.getAsLong()) {
      throw ApiProblemException.withProperties(
          ProblemCode.REFUND_LIMIT_EXCEEDED,
          ProblemCode.REFUND_LIMIT_EXCEEDED.detail(),
          limit.isEmpty() ? Map.of() : Map.of("limit", Decimals.format(limit.getAsLong(), scale)));
    }
  }

  private OptionalLong cashierLimit(Caller caller, Account merchant) {
    return cashiers.of(merchant.ownerRef(), Set.of(merchant.network())).stream()
        .filter(cashier -> cashier.username().equals(caller.username()))
        .findFirst()
        .map(cashier -> cashiers.limit(cashier.id(), merchant.strand()))
        .orElse(OptionalLong.empty());
  }
}
