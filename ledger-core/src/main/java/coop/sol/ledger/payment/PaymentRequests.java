package coop.sol.ledger.payment;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.auditlog.AuditEntry;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.payment.PaymentRequest.Status;
import coop.sol.ledger.transfer.Payer;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.Transfers;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Payment requests: a merchant's till asks for an amount, a member pays it once.
 *
 * <p>Paying is two steps. The payer first <em>claims</em> the request (a conditional UPDATE: it is
 * open, unexpired and nobody else is paying it), then the payment goes through the one payment path
 * with the key {@code pr-<id>}. The claim is what tells the payer's retry (same user and key: the
 * original answer) from anyone else (PAYMENT_REQUEST_ALREADY_PAID), and what keeps a till from
 * cancelling a request while it is being paid; the ledger key is what makes a second payment
 * impossible, even if a claim is lost. A refused payment (funds...) releases the claim. A claim
 * left behind by a crash is settled from the ledger after {@link PaymentRequest#CLAIM_TIMEOUT}:
 * paid if the ledger has the payment, released otherwise. Every change of a request's state is told
 * to the listener given at construction (the tills watching it).
 */
public final class PaymentRequests {
  private final PaymentRequestStore store;
  private final Payments payments;
  private final Transfers transfers;
  private final Clock clock;
  private final Consumer<String> changed;

  /**
   * @param changed told the id of a request whose state changed, after the change is stored
   */
  public PaymentRequests(
      PaymentRequestStore store,
      Payments payments,
      Transfers transfers,
      Clock clock,
      Consumer<String> changed) {
    this.store = store;
    this.payments = payments;
    this.transfers = transfers;
    this.clock = clock;
    this.changed = changed;
  }

  /** Records a new request (its code signed by the caller). */
  public void create(PaymentRequest request) {
    store.insert(request);
  }

  /**
   * The request with this id in one of {@code networks}, with a stale claim settled from the ledger
   * and its expiry recorded.
   */
  public Optional<PaymentRequest> find(String id, Set<NetworkId> networks) {
    return store.find(id, networks).map(this::refreshed);
  }

  /**
   * Pays the request: {@code payerUserId} and {@code clientKey} identify the payer's attempt (their
   * retry gets the original answer), {@code payer}, {@code source} and {@code strand} say where the
   * money comes from (the ledger refuses a strand other than the merchant account's). The amount,
   * the payee and the reference are the request's.
   */
  public Outcome<Paid> pay(
      PaymentRequest request,
      long payerUserId,
      String clientKey,
      Payer payer,
      Source source,
      StrandKind strand) {
    String id = request.id();
    Optional<Outcome<Paid>> settled = settled(request, payerUserId, clientKey, source);
    if (settled.isPresent()) {
      return settled.get();
    }
    Instant now = clock.instant();
    AccountId claimedAccount = claimedAccount(source);
    if (!store.claim(
        id, payerUserId, claimedAccount, clientKey, now, now.minus(PaymentRequest.CLAIM_TIMEOUT))) {
      PaymentRequest current = store.find(id).orElseThrow();
      return settled(current, payerUserId, clientKey, source)
          .orElseGet(
              () ->
                  current.claimedBy(payerUserId, clientKey)
                      ? Outcome.rejected(RejectionReason.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT)
                      : Outcome.refused(OperationReason.PAYMENT_REQUEST_ALREADY_PAID));
    }
    changed.accept(id);
    Outcome<Paid> outcome =
        payments.pay(
            new PaymentOrder(
                request.network(),
                request.ledgerKey(),
                payer,
                source,
                strand,
                request.merchantAccount(),
                new Amount(request.amount()),
                request.reference(),
                ""));
    if (outcome instanceof Outcome.Done<Paid> done) {
      store.markPaid(
          id,
          done.value().first(),
          payerUserId,
          done.value().first().debit(),
          clientKey,
          clock.instant());
      changed.accept(id);
      return outcome;
    }
    if (outcome instanceof Outcome.Rejected<Paid> rejected && keyTaken(rejected.reason())) {
      // another payer's payment posted under a claim that went stale: the request is theirs
      transfers
          .findByKey(request.network(), request.ledgerKey())
          .ifPresent(paid -> store.settleFromLedger(id, paid, clock.instant()));
      changed.accept(id);
      return Outcome.refused(OperationReason.PAYMENT_REQUEST_ALREADY_PAID);
    }
    if (!(outcome instanceof Outcome.Rejected<Paid> r && unknown(r.reason()))) {
      // nothing was posted: the request is payable again (by a retry with more funds, say)
      store.release(id, payerUserId, clientKey);
      changed.accept(id);
    }
    // when the outcome is unknown the payment may have posted: the claim stays, for the retry
    return outcome;
  }

  /**
   * Cancels an open request nobody is paying, with its audit entry. Cancelling a cancelled request
   * answers it again; a paid one or one being paid is refused (ALREADY_PAID), an expired one too
   * (EXPIRED).
   */
  public Outcome<PaymentRequest> cancel(PaymentRequest request, long userId, AuditEntry audit) {
    Instant now = clock.instant();
    boolean cancelled = store.cancel(request.id(), userId, now, audit);
    PaymentRequest after = refreshed(store.find(request.id()).orElseThrow());
    if (cancelled) {
      changed.accept(request.id());
      return Outcome.done(after);
    }
    return switch (after.status(clock.instant())) {
      case CANCELLED -> Outcome.done(after);
      case PAID, OPEN -> Outcome.refused(OperationReason.PAYMENT_REQUEST_ALREADY_PAID);
      case EXPIRED -> Outcome.refused(OperationReason.PAYMENT_REQUEST_EXPIRED);
    };
  }

  /**
   * What to answer without posting: the original payment to the payer's retry; refusals to anyone
   * for a request paid, being paid, cancelled or expired. Empty when the payer may go on and claim
   * it.
   */
  private Optional<Outcome<Paid>> settled(
      PaymentRequest request, long userId, String key, Source source) {
    Instant now = clock.instant();
    boolean mine = request.claimedBy(userId, key);
    return switch (request.status(now)) {
      case PAID -> {
        if (!mine) {
          yield Optional.of(Outcome.refused(OperationReason.PAYMENT_REQUEST_ALREADY_PAID));
        }
        AccountId claimed = claimedAccount(source);
        if (claimed != null && !claimed.equals(request.payerAccount())) {
          yield Optional.of(Outcome.rejected(RejectionReason.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT));
        }
        Transfer transfer = transfers.find(request.network(), request.paidTransfer()).orElseThrow();
        yield Optional.of(Outcome.done(new Paid(List.of(transfer), request.amount(), true)));
      }
      case CANCELLED -> Optional.of(Outcome.refused(OperationReason.PAYMENT_REQUEST_CANCELLED));
      case EXPIRED -> Optional.of(Outcome.refused(OperationReason.PAYMENT_REQUEST_EXPIRED));
      case OPEN -> {
        if (request.paymentInProgress() && !mine && !request.claimIsStale(now)) {
          yield Optional.of(Outcome.refused(OperationReason.PAYMENT_REQUEST_ALREADY_PAID));
        }
        yield Optional.empty();
      }
    };
  }

  /** The request with a stale claim settled from the ledger, and its expiry recorded. */
  private PaymentRequest refreshed(PaymentRequest request) {
    Instant now = clock.instant();
    boolean stale = request.status() == Status.OPEN && request.claimIsStale(now);
    boolean expired =
        request.status() == Status.OPEN
            && request.claimedAt() == null
            && !now.isBefore(request.expiresAt());
    if (!stale && !expired) {
      return request;
    }
    if (stale) {
      Optional<Transfer> paid = transfers.findByKey(request.network(), request.ledgerKey());
      if (paid.isPresent()) {
        store.settleFromLedger(request.id(), paid.get(), now);
      } else {
        store.releaseStale(request.id(), request.claimedAt());
      }
    } else {
      store.expire(request.id(), now);
    }
    changed.accept(request.id());
    return store.find(request.id()).orElseThrow();
  }

  /** The account a claim records: the one named, or null when the payer pays with vouchers. */
  private static AccountId claimedAccount(Source source) {
    return source instanceof Source.FromAccount from ? from.account() : null;
  }

  /** Whether a rejection says another transfer holds the key (a code already used). */
  static boolean keyTaken(RejectionReason reason) {
    return switch (reason) {
      case EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT,
          EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT,
          EXISTS_WITH_DIFFERENT_AMOUNT,
          EXISTS_WITH_DIFFERENT_FIELDS ->
          true;
      default -> false;
    };
  }

  /** Whether the ledger's answer leaves the outcome unknown (the payment may have posted). */
  public static boolean unknown(RejectionReason reason) {
    return reason == RejectionReason.LEDGER_UNAVAILABLE || reason == RejectionReason.LEDGER_TIMEOUT;
  }
}
