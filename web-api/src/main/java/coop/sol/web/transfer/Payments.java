package coop.sol.web.transfer;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.payment.PaymentOrder;
import coop.sol.ledger.payment.Source;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.LedgerProblems;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * {@code POST /transfers}: a payment from an account the caller holds, through ledger-core's one
 * payment path (which checks the strands, that the payer holds the account, the payee, a voucher
 * lot's rules, status and limits). This class authorizes the caller and translates.
 *
 * <p>Idempotency: the client's {@code Idempotency-Key} is scoped to the caller ({@link
 * ClientKeys#ledgerKey}), so two users can never collide. The same key with the same payment
 * returns the transfer posted the first time; with a different payment, a 409 problem.
 */
@Service
public class Payments {

  private final Ledger ledger;
  private final AccountAccess access;
  private final NetworkDirectory networks;
  private final coop.sol.ledger.payment.Payments payments;

  Payments(Ledger ledger, AccountAccess access, NetworkDirectory networks, Operations operations) {
    this.ledger = ledger;
    this.access = access;
    this.networks = networks;
    this.payments = operations.payments();
  }

  /** What a payment request asks for; the amount is still the client's text. */
  public record Payment(
      long debitAccountId, long creditAccountId, String amount, String reference, String memo) {}

  /** A posted payment; {@code replayed} when an earlier request with the same key posted it. */
  public record Paid(Transfer transfer, boolean replayed) {}

  public Paid pay(Caller caller, String clientKey, Payment payment) {
    IdempotencyKey key = ClientKeys.ledgerKey(caller, clientKey);
    // an account the caller cannot see answers as one that does not exist; one they see but do not
    // hold (a coordinator's view) is theirs to know about, not to debit
    AccountAccess.Identity debit =
        access
            .visibleIdentity(caller, payment.debitAccountId())
            .orElseThrow(() -> LedgerProblems.problem(RejectionReason.DEBIT_ACCOUNT_NOT_FOUND));
    if (!access.holds(caller, debit)) {
      throw LedgerProblems.problem(RejectionReason.DEBIT_NOT_ALLOWED);
    }
    NetworkId network = debit.network();
    Amount amount = ApiAmounts.parse(payment.amount(), networks.scale(network, debit.strand()));
    if (payment.creditAccountId() <= 0) {
      throw LedgerProblems.problem(RejectionReason.CREDIT_ACCOUNT_NOT_FOUND);
    }
    ClientKeys.checkUnusedElsewhere(ledger, caller, network, key);
    var paid =
        LedgerProblems.done(
            payments.pay(
                new PaymentOrder(
                    network,
                    key,
                    access.payer(caller, network),
                    Source.account(debit.id()),
                    debit.strand(),
                    new AccountId(payment.creditAccountId()),
                    amount,
                    payment.reference(),
                    payment.memo())));
    return new Paid(paid.first(), paid.replayed());
  }

  /**
   * A payment to a member named by username: to their account of the strand of the account paid
   * from. Whether members of the network may pay each other is the ledger's rule
   * (MEMBER_PAYMENTS_NOT_ALLOWED), decided on the one payment path like any other.
   *
   * @param toUsername the payee's username (any case, spaces around ignored)
   */
  public Paid payMember(
      Caller caller,
      String clientKey,
      long debitAccountId,
      String toUsername,
      String amount,
      String reference,
      String memo) {
    AccountAccess.Identity debit =
        access
            .visibleIdentity(caller, debitAccountId)
            .orElseThrow(() -> LedgerProblems.problem(RejectionReason.DEBIT_ACCOUNT_NOT_FOUND));
    Account payee =
        memberAccount(debit.network(), toUsername, debit.strand())
            .orElseThrow(() -> LedgerProblems.problem(RejectionReason.CREDIT_ACCOUNT_NOT_FOUND));
    return pay(
        caller,
        clientKey,
        new Payment(debitAccountId, payee.id().value(), amount, reference, memo));
  }

  /** The account of {@code strand} the member {@code username} holds in the network, if any. */
  public Optional<Account> memberAccount(NetworkId network, String username, StrandKind strand) {
    if (username == null || username.isBlank()) {
      return Optional.empty();
    }
    return ledger
        .accounts()
        .findByOwner(network, OwnerKind.MEMBER, username.strip().toLowerCase(Locale.ROOT))
        .stream()
        .filter(a -> a.strand() == strand)
        .min(Comparator.comparing(a -> a.id().value()));
  }

  /**
   * A payment to a merchant of SOL Affecté with the caller's earmarked vouchers valid there:
   * ledger-core chooses the lots (earliest expiry first) and checks their rules.
   *
   * @param amount the client's text
   */
  public Paid payWithVouchers(
      Caller caller, String clientKey, long merchantAccountId, String amount) {
    IdempotencyKey key = ClientKeys.ledgerKey(caller, clientKey);
    Account merchant =
        ledger
            .accounts()
            .findIn(caller.networks(), new AccountId(merchantAccountId))
            .orElseThrow(() -> LedgerProblems.problem(RejectionReason.CREDIT_ACCOUNT_NOT_FOUND));
    NetworkId network = merchant.network();
    Amount parsed = ApiAmounts.parse(amount, networks.scale(network, StrandKind.AFFECTE));
    ClientKeys.checkUnusedElsewhere(ledger, caller, network, key);
    var paid =
        LedgerProblems.done(
            payments.pay(
                new PaymentOrder(
                    network,
                    key,
                    access.payer(caller, network),
                    Source.vouchers(),
                    StrandKind.AFFECTE,
                    merchant.id(),
                    parsed,
                    null,
                    null)));
    return new Paid(paid.first(), paid.replayed());
  }
}
