package coop.sol.ledger.transfer;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.StrandKind;
import java.time.Duration;
import java.util.Objects;

/**
 * A transfer a caller asks the ledger to record. Build it with the factory methods; the constructor
 * rejects combinations that cannot be (a programming error, not a business outcome).
 *
 * <p>For {@link TransferKind#POSTED} and {@link TransferKind#PENDING}: strand, both accounts, the
 * amount and the code are required. For the kinds that resolve a pending transfer: only the pending
 * id (and for a post, optionally a smaller amount); accounts, strand and code are the pending
 * transfer's.
 *
 * @param timeout for a PENDING transfer, how long it reserves funds before it expires; null = no
 *     timeout
 * @param reverses the posted transfer this one reverses (a refund or a correction), or null
 * @param payer for a payment, who pays: the ledger posts it only if the payer holds the debit
 *     account (null for the transfers of operations, whose accounts the operation chose)
 */
public record TransferCommand(
    IdempotencyKey key,
    TransferKind kind,
    StrandKind strand,
    AccountId debit,
    AccountId credit,
    Amount amount,
    TransferCode code,
    TransferId pendingId,
    TransferId reverses,
    Duration timeout,
    String reference,
    String memo,
    Payer payer) {

  public static final int MAX_REFERENCE_LENGTH = 200;
  public static final int MAX_MEMO_LENGTH = 500;

  public TransferCommand {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    reference = reference == null ? "" : reference;
    memo = memo == null ? "" : memo;
    if (reference.length() > MAX_REFERENCE_LENGTH || memo.length() > MAX_MEMO_LENGTH) {
      throw new IllegalArgumentException("reference ≤ 200 and memo ≤ 500 characters");
    }
    if (kind.resolvesPending()) {
      Objects.requireNonNull(pendingId, "pendingId");
      if (strand != null || debit != null || credit != null || code != null || reverses != null) {
        throw new IllegalArgumentException(
            kind + " takes its accounts, strand and code from the pending transfer");
      }
      if (kind != TransferKind.POST_PENDING && amount != null) {
        throw new IllegalArgumentException(kind + " has no amount of its own");
      }
    } else {
      Objects.requireNonNull(strand, "strand");
      Objects.requireNonNull(debit, "debit");
      Objects.requireNonNull(credit, "credit");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(code, "code");
      if (pendingId != null) {
        throw new IllegalArgumentException(kind + " does not name a pending transfer");
      }
    }
    if (timeout != null
        && (kind != TransferKind.PENDING || timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("only a PENDING transfer has a timeout, and it is > 0");
    }
    if (reverses != null && kind != TransferKind.POSTED) {
      throw new IllegalArgumentException("only a POSTED transfer can reverse another");
    }
    if (payer != null && kind.resolvesPending()) {
      throw new IllegalArgumentException(kind + " has the payer of its pending transfer");
    }
  }

  /** A transfer posted at once. */
  public static TransferCommand posted(
      IdempotencyKey key,
      StrandKind strand,
      AccountId debit,
      AccountId credit,
      Amount amount,
      TransferCode code) {
    return new TransferCommand(
        key,
        TransferKind.POSTED,
        strand,
        debit,
        credit,
        amount,
        code,
        null,
        null,
        null,
        "",
        "",
        null);
  }

  /** A transfer that reserves the amount until posted, voided, or its timeout (null = none). */
  public static TransferCommand pending(
      IdempotencyKey key,
      StrandKind strand,
      AccountId debit,
      AccountId credit,
      Amount amount,
      TransferCode code,
      Duration timeout) {
    return new TransferCommand(
        key,
        TransferKind.PENDING,
        strand,
        debit,
        credit,
        amount,
        code,
        null,
        null,
        timeout,
        "",
        "",
        null);
  }

  /**
   * Posts a pending transfer, for {@code amount} (at most the pending amount) or, if null, all of
   * it.
   */
  public static TransferCommand postPending(IdempotencyKey key, TransferId pending, Amount amount) {
    return new TransferCommand(
        key,
        TransferKind.POST_PENDING,
        null,
        null,
        null,
        amount,
        null,
        pending,
        null,
        null,
        "",
        "",
        null);
  }

  /** Cancels a pending transfer. */
  public static TransferCommand voidPending(IdempotencyKey key, TransferId pending) {
    return new TransferCommand(
        key,
        TransferKind.VOID_PENDING,
        null,
        null,
        null,
        null,
        null,
        pending,
        null,
        null,
        "",
        "",
        null);
  }

  /** Records the expiry of a pending transfer past its timeout (the expiry sweeper's command). */
  public static TransferCommand expirePending(IdempotencyKey key, TransferId pending) {
    return new TransferCommand(
        key,
        TransferKind.EXPIRE_PENDING,
        null,
        null,
        null,
        null,
        null,
        pending,
        null,
        null,
        "",
        "",
        null);
  }

  public TransferCommand withReference(String newReference) {
    return new TransferCommand(
        key,
        kind,
        strand,
        debit,
        credit,
        amount,
        code,
        pendingId,
        reverses,
        timeout,
        newReference,
        memo,
        payer);
  }

  public TransferCommand withMemo(String newMemo) {
    return new TransferCommand(
        key, kind, strand, debit, credit, amount, code, pendingId, reverses, timeout, reference,
        newMemo, payer);
  }

  /** The same transfer, as the reversal of {@code original} (a refund or a correction). */
  public TransferCommand reversing(TransferId original) {
    return new TransferCommand(
        key, kind, strand, debit, credit, amount, code, pendingId, original, timeout, reference,
        memo, payer);
  }

  /** The same transfer, posted only if {@code newPayer} holds its debit account (a payment). */
  public TransferCommand paidBy(Payer newPayer) {
    return new TransferCommand(
        key, kind, strand, debit, credit, amount, code, pendingId, reverses, timeout, reference,
        memo, newPayer);
  }
}
