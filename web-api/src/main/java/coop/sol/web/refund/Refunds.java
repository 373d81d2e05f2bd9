package coop.sol.web.refund;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.ledger.transfer.TransferKind;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import coop.sol.web.auth.Caller;
import coop.sol.web.cashier.CashierRefundLimits;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.transfer.Rejections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Service;

/**
 * Refunds a payment a merchant received: a REFUND transfer from the merchant account back to the
 * payer's, reversing the payment. The ledger refuses refunds beyond what the payment has left
 * ({@code REVERSAL_EXCEEDS_ORIGINAL}); a cashier may refund at most their limit at once.
 */
@Service
public class Refunds {
  private static final long ANSWER_TIMEOUT_SECONDS = 30;

  private final Ledger ledger;
  private final AccountAccess access;
  private final NetworkDirectory networks;
  private final CashierRefundLimits cashiers;
  private final AuditLog audit;

  Refunds(
      Ledger ledger,
      AccountAccess access,
      NetworkDirectory networks,
      CashierRefundLimits cashiers,
      AuditLog audit) {
    this.ledger = ledger;
    this.access = access;
    this.networks = networks;
    this.cashiers = cashiers;
    this.audit = audit;
  }

  /** A posted refund; {@code replayed} when an earlier request with the same key posted it. */
  public record Refunded(Transfer transfer, boolean replayed) {}

  /**
   * @param amountText the amount to refund; null for the whole payment
   * @param memo shown to both sides; may be null
   */
  public Refunded refund(
      Caller caller,
      long paymentId,
      String clientKey,
      String amountText,
      String memo,
      String clientAddress) {
    IdempotencyKey key = ledgerKey(caller, clientKey);
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
    boolean posted =
        payment.kind() == TransferKind.POSTED || payment.kind() == TransferKind.POST_PENDING;
    if (payment.code() != TransferCode.PAYMENT || !posted) {
      throw new ApiProblemException(ProblemCode.TRANSFER_NOT_REFUNDABLE);
    }
    NetworkId network = merchant.network();
    int scale = networks.scale(network, merchant.strand());
    long amount =
        amountText == null ? payment.amount() : ApiAmounts.parse(amountText, scale).minorUnits();
    if (!access.holds(caller, merchant)) {
      // a cashier: within the limit the merchant set them, for this strand
      OptionalLong limit = cashierLimit(caller, merchant);
      if (limit.isEmpty() || amount > limit.getAsLong()) {
        throw new ApiProblemException(ProblemCode.REFUND_LIMIT_EXCEEDED);
      }
    }
    for (NetworkId other : caller.networks()) {
      if (!other.equals(network) && ledger.transfers().findByKey(other, key).isPresent()) {
        throw Rejections.problem(RejectionReason.EXISTS_WITH_DIFFERENT_FIELDS);
      }
    }
    TransferCommand command =
        TransferCommand.posted(
                key,
                merchant.strand(),
                merchant.id(),
                payment.debit(),
                new Amount(amount),
                TransferCode.REFUND)
            .reversing(payment.id())
            .withMemo(memo);
    TransferOutcome outcome = await(network, command);
    if (outcome instanceof TransferOutcome.Posted done) {
      if (!done.replayed()) {
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
                    done.transfer().id().value(),
                    "amount",
                    ledgerAmount(amount, scale),
                    "merchantAccountId",
                    merchant.id().value())));
      }
      return new Refunded(done.transfer(), done.replayed());
    }
    throw Rejections.problem(((TransferOutcome.Rejected) outcome).reason());
  }

  private OptionalLong cashierLimit(Caller caller, Account merchant) {
    return cashiers.of(merchant.ownerRef(), Set.of(merchant.network())).stream()
        .filter(cashier -> cashier.username().equals(caller.username()))
        .findFirst()
        .map(cashier -> cashiers.limit(cashier.id(), merchant.strand()))
        .orElse(OptionalLong.empty());
  }

  private TransferOutcome await(NetworkId network, TransferCommand command) {
    try {
      return ledger
          .transfers()
          .submit(network, command)
          .get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return new TransferOutcome.Rejected(RejectionReason.LEDGER_UNAVAILABLE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TransferOutcome.Rejected(RejectionReason.LEDGER_UNAVAILABLE);
    }
  }

  /** The caller's Idempotency-Key as a ledger key of their own, as for payments. */
  private static IdempotencyKey ledgerKey(Caller caller, String clientKey) {
    return coop.sol.web.transfer.ClientKeys.ledgerKey(caller, clientKey);
  }

  private static String ledgerAmount(long amount, int scale) {
    return coop.sol.ledger.money.Decimals.format(amount, scale);
  }
}
