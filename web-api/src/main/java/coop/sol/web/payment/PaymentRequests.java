package coop.sol.web.payment;

import coop.sol.keys.SigningKey;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.payment.PaymentRequest;
import coop.sol.ledger.payment.PaymentRequest.Status;
import coop.sol.ledger.payment.Source;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
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
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.transfer.ClientKeys;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Payment requests over HTTP: who may create, see, pay and cancel one, and the code's signature.
 * Paying and cancelling are ledger-core's {@link coop.sol.ledger.payment.PaymentRequests} (the
 * claim, the one payment path, the settling of stale claims); this class authorizes the caller and
 * translates its outcomes into problems.
 */
@Service
public class PaymentRequests {
  public static final int DEFAULT_EXPIRY_SECONDS = 300;
  private static final Pattern ID = Pattern.compile("[0-9a-f]{24}");

  private final coop.sol.ledger.payment.PaymentRequests requests;
  private final AccountAccess access;
  private final NetworkDirectory networks;
  private final NetworkKeys keys;
  private final AuditLog audit;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  PaymentRequests(
      coop.sol.ledger.payment.PaymentRequests requests,
      AccountAccess access,
      NetworkDirectory networks,
      NetworkKeys keys,
      AuditLog audit,
      Clock clock) {
    this.requests = requests;
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
    requests.create(request);
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
    return requests.find(id, caller.networks());
  }

  /**
   * Pays the request from an account the caller holds ({@code debitAccountId}), or with their
   * earmarked vouchers valid at its merchant ({@code debitAccountId} null, {@code vouchers}).
   */
  public Paid pay(Caller caller, String id, String clientKey, Long debitAccountId) {
    String key = ClientKeys.check(clientKey);
    PaymentRequest request =
        visible(caller, id).orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    var payer = access.payer(caller, request.network());
    coop.sol.ledger.payment.Paid paid;
    if (debitAccountId == null) {
      paid =
          LedgerProblems.done(
              requests.pay(
                  request, caller.userId(), key, payer, Source.vouchers(), StrandKind.AFFECTE));
    } else {
      Account debit =
          access
              .visible(caller, debitAccountId)
              .filter(account -> account.network().equals(request.network()))
              .orElseThrow(() -> LedgerProblems.problem(RejectionReason.DEBIT_ACCOUNT_NOT_FOUND));
      if (!access.holds(caller, debit)) {
        throw LedgerProblems.problem(RejectionReason.DEBIT_NOT_ALLOWED);
      }
      paid =
          LedgerProblems.done(
              requests.pay(
                  request,
                  caller.userId(),
                  key,
                  payer,
                  Source.account(debit.id()),
                  debit.strand()));
    }
    return new Paid(paid.first(), paid.replayed());
  }

  /**
   * Cancels an open request nobody is paying. Cancelling a cancelled request answers it again; a
   * paid one or one being paid is a 409, an expired one a 410.
   */
  public PaymentRequest cancel(Caller caller, String id, String clientAddress) {
    PaymentRequest request = tillRequest(caller, id);
    return LedgerProblems.done(
        requests.cancel(
            request,
            caller.userId(),
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
                        request.amount())))));
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
}
