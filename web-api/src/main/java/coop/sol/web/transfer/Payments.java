package coop.sol.web.transfer;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.reliability.ReliabilityProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Service;

/**
 * A payment from an account the caller holds to another account of the same network and strand.
 *
 * <p>Idempotency: the client's {@code Idempotency-Key} is scoped to the caller by prefixing it with
 * their user id in the ledger's key ({@code u42:<key>}), so two users can never collide. The same
 * key with the same payment returns the transfer posted the first time; with a different payment, a
 * 409 problem. The ledger's keys are unique per network, so a key the caller already used in
 * another of their networks is refused here too.
 */
@Service
public class Payments {

  private final Ledger ledger;
  private final AccountAccess access;
  private final NetworkDirectory networks;
  private final Operations operations;

  /** How long a request waits for the ledger's answer (sol.reliability.ledger-answer-timeout). */
  private final Duration answerTimeout;

  Payments(
      Ledger ledger,
      AccountAccess access,
      NetworkDirectory networks,
      Operations operations,
      ReliabilityProperties reliability) {
    this.ledger = ledger;
    this.access = access;
    this.networks = networks;
    this.operations = operations;
    this.answerTimeout = reliability.ledgerAnswerTimeout();
  }

  /** What a payment request asks for; the amount is still the client's text. */
  public record Payment(
      long debitAccountId, long creditAccountId, String amount, String reference, String memo) {}

  /** A posted payment; {@code replayed} when an earlier request with the same key posted it. */
  public record Paid(Transfer transfer, boolean replayed) {}

  public Paid pay(Caller caller, String clientKey, Payment payment) {
    IdempotencyKey key = ledgerKey(caller, clientKey);
    // both accounts in one query (this runs for every payment); the credit account is then taken
    // only from the debit account's network, as a lookup there would find it
    List<Account> found =
        payment.debitAccountId() <= 0
            ? List.of()
            : ledger
                .accounts()
                .findIn(
                    caller.networks(),
                    payment.creditAccountId() <= 0
                        ? List.of(new AccountId(payment.debitAccountId()))
                        : List.of(
                            new AccountId(payment.debitAccountId()),
                            new AccountId(payment.creditAccountId())));
    Account debit =
        found.stream()
            .filter(a -> a.id().value() == payment.debitAccountId())
            .filter(a -> access.canSee(caller, a))
            .findFirst()
            .orElseThrow(() -> Rejections.problem(RejectionReason.DEBIT_ACCOUNT_NOT_FOUND));
    if (!access.holds(caller, debit)) {
      throw new ApiProblemException(ProblemCode.DEBIT_NOT_ALLOWED);
    }
    if (debit.strand() == StrandKind.AFFECTE
        && operations.vouchers().lot(debit.network(), debit.id()).isPresent()) {
      // a lot of earmarked vouchers is spent only by POST /api/v1/vouchers/payments, which checks
      // the merchant's categories and the lot's expiry
      throw new ApiProblemException(
          ProblemCode.DEBIT_NOT_ALLOWED,
          "Des SOL Affecté se dépensent par /api/v1/vouchers/payments, pas par un virement.");
    }
    NetworkId network = debit.network();
    Amount amount = ApiAmounts.parse(payment.amount(), networks.scale(network, debit.strand()));
    Account credit =
        found.stream()
            .filter(a -> a.id().value() == payment.creditAccountId())
            .filter(a -> a.network().equals(network))
            .findFirst()
            .orElse(null);
    if (credit == null) {
      throw Rejections.problem(RejectionReason.CREDIT_ACCOUNT_NOT_FOUND);
    }
    if (credit.ownerKind() == OwnerKind.SYSTEM) {
      throw new ApiProblemException(ProblemCode.CREDIT_ACCOUNT_NOT_PAYABLE);
    }
    for (NetworkId other : caller.networks()) {
      if (!other.equals(network) && ledger.transfers().findByKey(other, key).isPresent()) {
        throw Rejections.problem(RejectionReason.EXISTS_WITH_DIFFERENT_FIELDS);
      }
    }
    TransferCommand command =
        TransferCommand.posted(
                key, debit.strand(), debit.id(), credit.id(), amount, TransferCode.PAYMENT)
            .withReference(payment.reference())
            .withMemo(payment.memo());
    TransferOutcome outcome = await(network, command);
    if (outcome instanceof TransferOutcome.Posted posted) {
      return new Paid(posted.transfer(), posted.replayed());
    }
    throw Rejections.problem(((TransferOutcome.Rejected) outcome).reason());
  }

  private TransferOutcome await(NetworkId network, TransferCommand command) {
    try {
      return ledger
          .transfers()
          .submit(network, command)
          .get(answerTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // the outcome is unknown (it may still commit): a retry with the same key is safe and tells
      throw new ApiProblemException(
          ProblemCode.LEDGER_TIMEOUT.status(),
          ProblemCode.LEDGER_TIMEOUT.name(),
          ProblemCode.LEDGER_TIMEOUT.detail(),
          Map.of("Retry-After", "1"));
    } catch (ExecutionException e) {
      throw Rejections.problem(RejectionReason.LEDGER_UNAVAILABLE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Rejections.problem(RejectionReason.LEDGER_UNAVAILABLE);
    }
  }

  /**
   * The ledger key for the caller's {@code Idempotency-Key}: theirs alone ({@code u<user
   * id>:<key>}), so clients cannot collide. Every money-moving endpoint uses this one rule.
   */
  static IdempotencyKey ledgerKey(Caller caller, String clientKey) {
    return ClientKeys.ledgerKey(caller, clientKey);
  }
}
