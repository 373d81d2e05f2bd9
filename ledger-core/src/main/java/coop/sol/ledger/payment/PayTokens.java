package coop.sol.ledger.payment;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.Transfers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pay tokens: a member shows a signed, capped, short-lived code; a merchant's till charges it once,
 * up to the cap.
 *
 * <p>The till (or the web layer for it) checks the code's signature; this class decides the rest:
 * the token is one of the network's, unexpired when it was scanned, charged at most its cap, once.
 * It claims the token and pays through the one payment path with the ledger key {@code pt-<id>},
 * exactly as a payment request is paid (see {@link PaymentRequests}): the ledger posts a token
 * once, whoever tries; the claim tells the till's retry (its original answer) from a second use
 * (PAY_TOKEN_ALREADY_USED). The ledger decides the funds and the token's account's own rules.
 */
public final class PayTokens {
  /** How long after scanning a token offline a till may still send its charge. */
  public static final Duration OFFLINE_GRACE = Duration.ofHours(24);

  private final PayTokenStore store;
  private final Payments payments;
  private final Transfers transfers;
  private final Clock clock;

  public PayTokens(PayTokenStore store, Payments payments, Transfers transfers, Clock clock) {
    this.store = store;
    this.payments = payments;
    this.transfers = transfers;
    this.clock = clock;
  }

  /** Records a new token (its code signed by the caller, for an account its holder chose). */
  public void issue(PayToken token) {
    store.insert(token);
  }

  /** The token with this id in one of {@code networks}. */
  public Optional<PayToken> find(String id, Set<NetworkId> networks) {
    return store.find(id, networks);
  }

  /**
   * A till's charge of a token.
   *
   * @param tokenId the token's id (its code's nonce), from a code whose signature was checked
   * @param checkedAt when the code's expiry is judged: when the till scanned it (a charge sent late
   *     by an offline till, at most {@link #OFFLINE_GRACE} ago), or now
   * @param merchant the till's merchant account, credited
   * @param strand its strand
   * @param amount what to charge, minor units
   * @param offlineScannedAt when an offline till scanned it, to record; null for a live charge
   */
  public record Charge(
      NetworkId network,
      String tokenId,
      Instant checkedAt,
      long tillUserId,
      String clientKey,
      AccountId merchant,
      StrandKind strand,
      long amount,
      Instant offlineScannedAt) {}

  public Outcome<Paid> redeem(Charge charge) {
    Instant now = clock.instant();
    if (charge.checkedAt().isBefore(now.minus(OFFLINE_GRACE))) {
      // a till is the merchant's, authenticated and audited; what it may claim is bounded
      return Outcome.refused(OperationReason.PAYMENT_CODE_EXPIRED);
    }
    Optional<PayToken> found = store.find(charge.network(), charge.tokenId());
    if (found.isEmpty()) {
      return Outcome.refused(OperationReason.PAY_TOKEN_UNKNOWN);
    }
    PayToken token = refreshed(found.get(), now);
    Optional<Outcome<Paid>> settled = settled(token, charge);
    if (settled.isPresent()) {
      return settled.get();
    }
    boolean retry =
        token.claimedBy(charge.tillUserId(), charge.clientKey())
            && charge.merchant().equals(token.merchantAccount())
            && token.amount() == charge.amount();
    if (!retry && !charge.checkedAt().isBefore(token.expiresAt())) {
      // a retry of a charge claimed in time goes on: the first attempt may have posted
      return Outcome.refused(OperationReason.PAYMENT_CODE_EXPIRED);
    }
    if (charge.amount() > token.cap()) {
      return Outcome.refused(OperationReason.PAY_TOKEN_CAP_EXCEEDED);
    }
    if (!store.claim(
        token.id(),
        charge.tillUserId(),
        charge.clientKey(),
        charge.merchant(),
        charge.amount(),
        now,
        now.minus(PaymentRequest.CLAIM_TIMEOUT))) {
      PayToken current = store.find(charge.network(), token.id()).orElseThrow();
      return settled(current, charge)
          .orElse(Outcome.refused(OperationReason.PAY_TOKEN_ALREADY_USED));
    }
    // the token's account was its holder's choice when they issued it (only they can): the till
    // charges it without naming a payer
    Outcome<Paid> outcome =
        payments.pay(
            new PaymentOrder(
                charge.network(),
                token.ledgerKey(),
                null,
                Source.account(token.memberAccount()),
                charge.strand(),
                charge.merchant(),
                new Amount(charge.amount()),
                "",
                ""));
    if (outcome instanceof Outcome.Done<Paid> done) {
      store.markUsed(
          token.id(),
          done.value().first(),
          charge.tillUserId(),
          charge.clientKey(),
          charge.offlineScannedAt());
      return outcome;
    }
    if (outcome instanceof Outcome.Rejected<Paid> rejected) {
      if (PaymentRequests.keyTaken(rejected.reason())) {
        // another till's charge posted under a claim that went stale: the token is used
        transfers
            .findByKey(charge.network(), token.ledgerKey())
            .ifPresent(paid -> store.settleFromLedger(token.id(), paid));
        return Outcome.refused(OperationReason.PAY_TOKEN_ALREADY_USED);
      }
      if (PaymentRequests.unknown(rejected.reason())) {
        return outcome; // it may have posted: the claim stays, for the till's retry
      }
    }
    store.release(token.id(), charge.tillUserId(), charge.clientKey());
    return outcome;
  }

  /**
   * What to answer without posting: the original charge to the till's retry (same user, key,
   * merchant and amount), a refusal to anyone else for a token used or being used. Empty when the
   * till may go on and claim it.
   */
  private Optional<Outcome<Paid>> settled(PayToken token, Charge charge) {
    boolean mine = token.claimedBy(charge.tillUserId(), charge.clientKey());
    if (token.usedTransfer() != null) {
      if (!mine) {
        return Optional.of(Outcome.refused(OperationReason.PAY_TOKEN_ALREADY_USED));
      }
      if (!charge.merchant().equals(token.merchantAccount())) {
        return Optional.of(Outcome.rejected(RejectionReason.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT));
      }
      if (token.amount() != charge.amount()) {
        return Optional.of(Outcome.rejected(RejectionReason.EXISTS_WITH_DIFFERENT_AMOUNT));
      }
      Transfer transfer = transfers.find(token.network(), token.usedTransfer()).orElseThrow();
      return Optional.of(Outcome.done(new Paid(List.of(transfer), transfer.amount(), true)));
    }
    if (token.claimedAt() != null && !mine && !token.claimIsStale(clock.instant())) {
      return Optional.of(Outcome.refused(OperationReason.PAY_TOKEN_ALREADY_USED));
    }
    return Optional.empty();
  }

  /** The token with a stale claim settled from the ledger: used if the ledger has its charge. */
  private PayToken refreshed(PayToken token, Instant now) {
    if (token.usedTransfer() != null || !token.claimIsStale(now)) {
      return token;
    }
    Optional<Transfer> charged = transfers.findByKey(token.network(), token.ledgerKey());
    if (charged.isEmpty()) {
      return token;
    }
    store.settleFromLedger(token.id(), charged.get());
    return store.find(token.network(), token.id()).orElseThrow();
  }
}
