package coop.sol.web.payment;

import coop.sol.keys.SigningKey;
import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.payment.PaymentRequest;
import coop.sol.ledger.payment.PaymentRequest.Status;
import coop.sol.ledger.payment.PaymentRequestStore;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.PaymentRequestCode;
import coop.sol.merchant.code.SignedCode;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import coop.sol.web.auth.Caller;
import coop.sol.web.networkkey.NetworkKeys;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.transfer.ClientKeys;
import coop.sol.web.transfer.Rejections;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Payment requests: a merchant's till asks for an amount, a member pays it once.
 *
 * <p>Paying is two steps. The payer first <em>claims</em> the request (a conditional UPDATE: it is
 * open, unexpired and nobody else is paying it), then the ledger posts the payment with the key
 * {@code pr-<id>}. The claim is what tells the payer's retry (same user and Idempotency-Key: the
 * original answer) from anyone else (409), and what keeps a cashier from cancelling a request while
 * it is being paid; the ledger key is what makes a second payment impossible, even if a claim is
 * lost. A refused payment (funds...) releases the claim. A claim left behind by a crash is settled
 * from the ledger after {@link PaymentRequest#CLAIM_TIMEOUT}: paid if the ledger has the payment,
 * released otherwise.
 */
@Service
public class PaymentRequests {
  public static final int DEFAULT_EXPIRY_SECONDS = 300;
  private static final Pattern ID = Pattern.compile("[0-9a-f]{24}");

  private final PaymentRequestStore store;
  private final PaymentRequestEvents events;
  private final Ledger ledger;
  private final AccountAccess access;
  private final NetworkDirectory networks;
  private final NetworkKeys keys;
  private final AuditLog audit;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  PaymentRequests(
      PaymentRequestStore store,
      PaymentRequestEvents events,
      Ledger ledger,
      AccountAccess access,
      NetworkDirectory networks,
      NetworkKeys keys,
      AuditLog audit,
      Clock clock) {
    this.store = store;
    this.events = events;
    this.ledger = ledger;
    this.access = access;
    this.networks = networks;
    this.keys = keys;
    this.audit = audit;
    this.clock = clock;
  }

  /** A payment posted for a request; {@code replayed} when it answers the payer's retry. */
  public record Paid(Transfer transfer, boolean replayed) {}

  /**
   * A new request, signed with the network's key, for a merchant account the caller takes payments
   * for.
   *
   * @param reference the merchant's text, at most 40 UTF-8 bytes, no control character; may be null
   */
  public PaymentRequest create(
      Caller caller,
      long merchantAccountId,
      String amountText,
      String reference,
      int expiresInSeconds) {
    Account merchant =
        access
            .till(caller, merchantAccountId)
            .orElseThrow(() -> new ApiProblemException(ProblemCode.MERCHANT_ACCOUNT_NOT_FOUND));
    NetworkId network = merchant.network();
    Amount amount = ApiAmounts.parse(amountText, networks.scale(network, merchant.strand()));
    Instant now = clock.instant();
    PaymentRequestCode code;
    try {
      code =
          PaymentRequestCode.issue(
              network.value(),
              merchant.id().value(),
              amount.minorUnits(),
              reference == null ? "" : reference,
              now.plusSeconds(expiresInSeconds),
              random);
    } catch (IllegalArgumentException e) {
      throw new ApiProblemException(
          ProblemCode.VALIDATION_FAILED,
          "reference : au plus 40 octets en UTF-8, sans caractère de contrôle.");
    }
    SigningKey key = keys.signingKey(network);
    SignedCode signed = PaymentCodes.sign(code, key);
    PaymentRequest request =
        new PaymentRequest(
            network,
            code.nonce().toString(),
            merchant.id(),
            amount.minorUnits(),
            code.reference(),
            key.id().toString(),
            signed.text(),
            code.expiresAt(),
            Status.OPEN,
            caller.userId(),
            now,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    store.insert(request);
    return request;
  }

  /**
   * The request if the caller may see it: anyone with a role in its network who knows its id (the
   * id is the code's random nonce: knowing it means holding the code). Settles a stale claim and
   * records an expiry on the way.
   */
  public Optional<PaymentRequest> visible(Caller caller, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return store.find(id, caller.networks()).map(this::refreshed);
  }

  public Paid pay(Caller caller, String id, String clientKey, long debitAccountId) {
    String key = ClientKeys.check(clientKey);
    PaymentRequest request =
        visible(caller, id).orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    Account debit =
        access
            .visible(caller, debitAccountId)
            .filter(account -> account.network().equals(request.network()))
            .orElseThrow(() -> Rejections.problem(RejectionReason.DEBIT_ACCOUNT_NOT_FOUND));
    if (!access.holds(caller, debit)) {
      throw new ApiProblemException(ProblemCode.DEBIT_NOT_ALLOWED);
    }
    Optional<Paid> settled = settled(request, caller, key, debit);
    if (settled.isPresent()) {
      return settled.get();
    }
    Instant now = clock.instant();
    if (!store.claim(
        id, caller.userId(), debit.id(), key, now, now.minus(PaymentRequest.CLAIM_TIMEOUT))) {
      PaymentRequest current = store.find(id).orElseThrow();
      return settled(current, caller, key, debit)
          .orElseThrow(
              () ->
                  current.claimedBy(caller.userId(), key)
                      ? Rejections.problem(RejectionReason.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT)
                      : new ApiProblemException(ProblemCode.PAYMENT_REQUEST_ALREADY_PAID));
    }
    events.changed(id);
    TransferCommand command =
        TransferCommand.posted(
                request.ledgerKey(),
                debit.strand(),
                debit.id(),
                request.merchantAccount(),
                new Amount(request.amount()),
                TransferCode.PAYMENT)
            .withReference(request.reference());
    TransferOutcome outcome = LedgerAnswer.of(ledger, request.network(), command);
    if (outcome instanceof TransferOutcome.Posted posted) {
      store.markPaid(id, posted.transfer(), caller.userId(), debit.id(), key, clock.instant());
      events.changed(id);
      return new Paid(posted.transfer(), posted.replayed());
    }
    RejectionReason reason = ((TransferOutcome.Rejected) outcome).reason();
    if (LedgerAnswer.keyTaken(reason)) {
      // another payer's payment posted under a claim that went stale: the request is theirs
      ledger
          .transfers()
          .findByKey(request.network(), request.ledgerKey())
          .ifPresent(paid -> store.settleFromLedger(id, paid, clock.instant()));
      events.changed(id);
      throw new ApiProblemException(ProblemCode.PAYMENT_REQUEST_ALREADY_PAID);
    }
    if (reason != RejectionReason.LEDGER_UNAVAILABLE) {
      // nothing was posted: the request is payable again (by a retry with more funds, say)
      store.release(id, caller.userId(), key);
      events.changed(id);
    }
    // after LEDGER_UNAVAILABLE the payment may have posted: the claim stays, for the payer's retry
    throw Rejections.problem(reason);
  }

  /**
   * What to answer without posting: the original payment to the payer's retry; 409, 410 to anyone
   * for a request paid, being paid, cancelled or expired. Empty when the caller may go on and claim
   * it.
   */
  private Optional<Paid> settled(PaymentRequest request, Caller caller, String key, Account debit) {
    Instant now = clock.instant();
    boolean mine = request.claimedBy(caller.userId(), key);
    return switch (request.status(now)) {
      case PAID -> {
        if (!mine) {
          throw new ApiProblemException(ProblemCode.PAYMENT_REQUEST_ALREADY_PAID);
        }
        if (!debit.id().equals(request.payerAccount())) {
          throw Rejections.problem(RejectionReason.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT);
        }
        Transfer transfer =
            ledger.transfers().find(request.network(), request.paidTransfer()).orElseThrow();
        yield Optional.of(new Paid(transfer, true));
      }
      case CANCELLED -> throw new ApiProblemException(ProblemCode.PAYMENT_REQUEST_CANCELLED);
      case EXPIRED -> throw new ApiProblemException(ProblemCode.PAYMENT_REQUEST_EXPIRED);
      case OPEN -> {
        if (request.paymentInProgress() && !mine && !request.claimIsStale(now)) {
          throw new ApiProblemException(ProblemCode.PAYMENT_REQUEST_ALREADY_PAID);
        }
        yield Optional.empty();
      }
    };
  }

  /**
   * Cancels an open request nobody is paying. Cancelling a cancelled request answers it again; a
   * paid one or one being paid is a 409, an expired one a 410.
   */
  public PaymentRequest cancel(Caller caller, String id, String clientAddress) {
    PaymentRequest request = tillRequest(caller, id);
    Instant now = clock.instant();
    boolean cancelled =
        store.cancel(
            id,
            caller.userId(),
            now,
            audit.entry(
                new AuditRecord(
                    AuditAction.PAYMENT_REQUEST_CANCELLED,
                    Set.of(request.network()),
                    false,
                    caller.userId(),
                    caller.username(),
                    "payment request " + id,
                    clientAddress,
                    Map.of(
                        "merchantAccountId",
                        request.merchantAccount().value(),
                        "amount",
                        request.amount()))));
    PaymentRequest after = refreshed(store.find(id).orElseThrow());
    if (cancelled) {
      events.changed(id);
      return after;
    }
    return switch (after.status(clock.instant())) {
      case CANCELLED -> after;
      case PAID, OPEN -> throw new ApiProblemException(ProblemCode.PAYMENT_REQUEST_ALREADY_PAID);
      case EXPIRED -> throw new ApiProblemException(ProblemCode.PAYMENT_REQUEST_EXPIRED);
    };
  }

  /**
   * The request for its merchant's till: 404 when the caller cannot see it, 403 when they see it
   * but do not take payments for its merchant.
   */
  private PaymentRequest tillRequest(Caller caller, String id) {
    PaymentRequest request =
        visible(caller, id).orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    if (access.till(caller, request.merchantAccount().value()).isEmpty()) {
      throw new ApiProblemException(ProblemCode.FORBIDDEN);
    }
    return request;
  }

  /** The request with a stale claim settled from the ledger, and its expiry recorded. */
  private PaymentRequest refreshed(PaymentRequest request) {
    Instant now = clock.instant();
    boolean changed = false;
    if (request.status() == Status.OPEN && request.claimIsStale(now)) {
      Optional<Transfer> paid =
          ledger.transfers().findByKey(request.network(), request.ledgerKey());
      if (paid.isPresent()) {
        store.settleFromLedger(request.id(), paid.get(), now);
      } else {
        store.releaseStale(request.id(), request.claimedAt());
      }
      changed = true;
    }
    if (request.status() == Status.OPEN
        && request.claimedAt() == null
        && !now.isBefore(request.expiresAt())) {
      store.expire(request.id(), now);
      changed = true;
    }
    if (!changed) {
      return request;
    }
    events.changed(request.id());
    return store.find(request.id()).orElseThrow();
  }
}
