package coop.sol.web.payment;

import coop.sol.keys.SigningKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.payment.PayToken;
import coop.sol.ledger.payment.PayTokenStore;
import coop.sol.ledger.payment.PaymentRequest;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.merchant.code.PayTokenCode;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.SignedCode;
import coop.sol.merchant.code.Verification;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.networkkey.NetworkKeys;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.transfer.ClientKeys;
import coop.sol.web.transfer.Rejections;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Pay tokens: a member shows a signed, capped, short-lived code; a merchant's till charges it once,
 * up to the cap.
 *
 * <p>Redeeming checks the code as a till does offline (signature with the network's published keys,
 * network, expiry), then claims the token and posts the charge with the ledger key {@code pt-<id>},
 * exactly as a payment request is paid (see {@link PaymentRequests}): the ledger posts a token
 * once, whoever tries; the claim tells the till's retry (its original answer) from a second use
 * ({@code PAY_TOKEN_ALREADY_USED}). The ledger still decides the funds.
 */
@Service
public class PayTokens {
  public static final int DEFAULT_EXPIRY_SECONDS = 120;

  /** How long after scanning a token offline a till may still send its charge. */
  static final Duration OFFLINE_GRACE = Duration.ofHours(24);

  /** How far ahead of the server's clock a till's may be. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private static final Pattern ID = Pattern.compile("[0-9a-f]{24}");

  private final PayTokenStore store;
  private final Ledger ledger;
  private final AccountAccess access;
  private final NetworkDirectory networks;
  private final NetworkKeys keys;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  PayTokens(
      PayTokenStore store,
      Ledger ledger,
      AccountAccess access,
      NetworkDirectory networks,
      NetworkKeys keys,
      Clock clock) {
    this.clock = clock;
    this.store = store;
    this.ledger = ledger;
    this.access = access;
    this.networks = networks;
    this.keys = keys;
  }

  /** A charge posted with a token; {@code replayed} when it answers the till's retry. */
  public record Charged(Transfer transfer, boolean replayed) {}

  /** A new token on an account the caller holds (the account a merchant will debit). */
  public PayToken issue(Caller caller, long memberAccountId, String capText, int expiresInSeconds) {
    Account member =
        access
            .visible(caller, memberAccountId)
            .orElseThrow(() -> Rejections.problem(RejectionReason.DEBIT_ACCOUNT_NOT_FOUND));
    if (!access.holds(caller, member)) {
      throw new ApiProblemException(ProblemCode.DEBIT_NOT_ALLOWED);
    }
    NetworkId network = member.network();
    Amount cap = ApiAmounts.parse(capText, networks.scale(network, member.strand()));
    Instant now = clock.instant();
    PayTokenCode code =
        PayTokenCode.issue(
            network.value(),
            member.id().value(),
            cap.minorUnits(),
            now.plusSeconds(expiresInSeconds),
            random);
    SigningKey key = keys.signingKey(network);
    SignedCode signed = PaymentCodes.sign(code, key);
    PayToken token =
        new PayToken(
            network,
            code.nonce().toString(),
            member.id(),
            cap.minorUnits(),
            key.id().toString(),
            signed.text(),
            code.expiresAt(),
            caller.userId(),
            now,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    store.insert(token);
    return token;
  }

  /** The token if the caller holds its account or coordinates its network; else empty. */
  public Optional<PayToken> visible(Caller caller, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return store
        .find(id, caller.networks())
        .filter(token -> access.visible(caller, token.memberAccount().value()).isPresent());
  }

  /**
   * Charges {@code amountText} (at most the cap) with the token in {@code codeText} (a link or bare
   * payload, as scanned) to a merchant account the caller takes payments for.
   */
  public Charged redeem(
      Caller caller,
      String clientKey,
      String codeText,
      long merchantAccountId,
      String amountText,
      Instant scannedAt) {
    String key = ClientKeys.check(clientKey);
    Account merchant =
        access
            .till(caller, merchantAccountId)
            .orElseThrow(() -> new ApiProblemException(ProblemCode.MERCHANT_ACCOUNT_NOT_FOUND));
    NetworkId network = merchant.network();
    long amount =
        ApiAmounts.parse(amountText, networks.scale(network, merchant.strand())).minorUnits();
    Instant now = clock.instant();
    Instant checkedAt = checkedAt(scannedAt, now);
    PayTokenCode code = verifiedToken(codeText, network, checkedAt);
    PayToken token =
        refreshed(
            store
                .find(network, code.nonce().toString())
                .orElseThrow(() -> new ApiProblemException(ProblemCode.PAY_TOKEN_UNKNOWN)),
            now);
    Optional<Charged> settled = settled(token, caller, key, merchant, amount);
    if (settled.isPresent()) {
      return settled.get();
    }
    boolean retry =
        token.claimedBy(caller.userId(), key)
            && merchant.id().equals(token.merchantAccount())
            && token.amount() == amount;
    if (!retry && !checkedAt.isBefore(code.expiresAt())) {
      // a retry of a charge claimed in time goes on: the first attempt may have posted
      throw new ApiProblemException(ProblemCode.PAYMENT_CODE_EXPIRED);
    }
    if (amount > code.cap()) {
      throw new ApiProblemException(ProblemCode.PAY_TOKEN_CAP_EXCEEDED);
    }
    if (!store.claim(
        token.id(),
        caller.userId(),
        key,
        merchant.id(),
        amount,
        now,
        now.minus(PaymentRequest.CLAIM_TIMEOUT))) {
      PayToken current = store.find(network, token.id()).orElseThrow();
      return settled(current, caller, key, merchant, amount)
          .orElseThrow(() -> new ApiProblemException(ProblemCode.PAY_TOKEN_ALREADY_USED));
    }
    TransferCommand command =
        TransferCommand.posted(
            token.ledgerKey(),
            merchant.strand(),
            token.memberAccount(),
            merchant.id(),
            new Amount(amount),
            TransferCode.PAYMENT);
    TransferOutcome outcome = LedgerAnswer.of(ledger, network, command);
    if (outcome instanceof TransferOutcome.Posted posted) {
      store.markUsed(token.id(), posted.transfer(), caller.userId(), key, scannedAt);
      return new Charged(posted.transfer(), posted.replayed());
    }
    RejectionReason reason = ((TransferOutcome.Rejected) outcome).reason();
    if (LedgerAnswer.keyTaken(reason)) {
      // another till's charge posted under a claim that went stale: the token is used
      ledger
          .transfers()
          .findByKey(network, token.ledgerKey())
          .ifPresent(paid -> store.settleFromLedger(token.id(), paid));
      throw new ApiProblemException(ProblemCode.PAY_TOKEN_ALREADY_USED);
    }
    if (reason != RejectionReason.LEDGER_UNAVAILABLE) {
      store.release(token.id(), caller.userId(), key);
    }
    throw Rejections.problem(reason);
  }

  /**
   * When the token's expiry is checked: now, or when an offline till says it checked the token (a
   * charge it queued while the API was unreachable), provided that was at most {@link
   * #OFFLINE_GRACE} ago and not in the future. A till is the merchant's, authenticated and audited;
   * what it may claim is bounded: a token is still used once, up to its cap.
   */
  private static Instant checkedAt(Instant scannedAt, Instant now) {
    if (scannedAt == null) {
      return now;
    }
    if (scannedAt.isAfter(now.plus(CLOCK_SKEW))) {
      throw new ApiProblemException(
          ProblemCode.VALIDATION_FAILED,
          "scannedAt : un instant passé (la caisse est-elle à l'heure ?).");
    }
    if (scannedAt.isBefore(now.minus(OFFLINE_GRACE))) {
      throw new ApiProblemException(ProblemCode.PAYMENT_CODE_EXPIRED);
    }
    return scannedAt.isBefore(now) ? scannedAt : now;
  }

  /**
   * The pay token in the text, genuine and for the merchant's network. An expired token is returned
   * too (its expiry is checked after a retry of a charge made in time has had its answer); every
   * other rejection is a {@code PAYMENT_CODE_*} problem.
   */
  private PayTokenCode verifiedToken(String codeText, NetworkId network, Instant now) {
    TrustedKeys trusted = keys.trustedKeys(network);
    Verification verification = PaymentCodes.verify(codeText, trusted, network.value(), now);
    if (verification instanceof Verification.Rejected rejected
        && rejected.reason() == coop.sol.merchant.code.RejectionReason.EXPIRED) {
      // genuine and ours, only late: read it as of its issue
      verification = PaymentCodes.verify(codeText, trusted, network.value(), Instant.EPOCH);
    }
    if (verification instanceof Verification.Rejected rejected) {
      throw PaymentCodeProblems.problem(rejected.reason());
    }
    if (!(((Verification.Verified) verification).code() instanceof PayTokenCode token)) {
      throw new ApiProblemException(ProblemCode.PAYMENT_CODE_WRONG_KIND);
    }
    return token;
  }

  /**
   * What to answer without posting: the original charge to the till's retry (same user, key,
   * merchant and amount), 409 to anyone else for a token used or being used. Empty when the caller
   * may go on and claim it.
   */
  private Optional<Charged> settled(
      PayToken token, Caller caller, String key, Account merchant, long amount) {
    boolean mine = token.claimedBy(caller.userId(), key);
    if (token.usedTransfer() != null) {
      if (!mine) {
        throw new ApiProblemException(ProblemCode.PAY_TOKEN_ALREADY_USED);
      }
      if (!merchant.id().equals(token.merchantAccount())) {
        throw Rejections.problem(RejectionReason.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT);
      }
      if (token.amount() != amount) {
        throw Rejections.problem(RejectionReason.EXISTS_WITH_DIFFERENT_AMOUNT);
      }
      Transfer transfer =
          ledger.transfers().find(token.network(), token.usedTransfer()).orElseThrow();
      return Optional.of(new Charged(transfer, true));
    }
    if (token.claimedAt() != null && !mine && !token.claimIsStale(clock.instant())) {
      throw new ApiProblemException(ProblemCode.PAY_TOKEN_ALREADY_USED);
    }
    return Optional.empty();
  }

  /** The token with a stale claim settled from the ledger: used if the ledger has its charge. */
  private PayToken refreshed(PayToken token, Instant now) {
    if (token.usedTransfer() != null || !token.claimIsStale(now)) {
      return token;
    }
    Optional<Transfer> charged = ledger.transfers().findByKey(token.network(), token.ledgerKey());
    if (charged.isEmpty()) {
      return token;
    }
    store.settleFromLedger(token.id(), charged.get());
    return store.find(token.network(), token.id()).orElseThrow();
  }
}
