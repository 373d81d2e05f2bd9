package coop.sol.ledger.transfer;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.BatchState.PendingState;
import coop.sol.ledger.transfer.BatchState.ReversedState;
import coop.sol.ledger.transfer.TransferOutcome.Posted;
import coop.sol.ledger.transfer.TransferOutcome.Rejected;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Decides a batch of submissions, in order, against the exact state the writer loaded. Pure: it
 * touches no database; the writer stores what it accepted.
 *
 * <p>Each submission is a linked list decided atomically: if one transfer of it is rejected, every
 * change the list made is undone and its other transfers are rejected with {@link
 * RejectionReason#LINKED_TRANSFER_FAILED}. A transfer whose key was already posted (earlier, or
 * earlier in this batch) with the same content is answered with that posted transfer.
 */
final class BatchDecider {

  private final NetworkId network;
  private final Instant now;
  private final BatchState state;
  private final LongSupplier nextTransferId;
  private final Map<StrandKind, ChainHead> heads;
  private final List<Transfer> accepted = new ArrayList<>();
  private final Map<String, Transfer> acceptedByKey = new HashMap<>();

  BatchDecider(
      NetworkId network,
      Instant now,
      BatchState state,
      Map<StrandKind, ChainHead> heads,
      LongSupplier nextTransferId) {
    this.network = network;
    this.now = now;
    this.state = state;
    this.heads = new EnumMap<>(heads);
    this.nextTransferId = nextTransferId;
  }

  /** The rows accepted so far, in chain order. */
  List<Transfer> accepted() {
    return accepted;
  }

  /** The chain heads after the accepted rows. */
  Map<StrandKind, ChainHead> heads() {
    return heads;
  }

  /** Decides one linked list; returns one outcome per command, in order. */
  List<TransferOutcome> decide(List<TransferCommand> linked) {
    var outcomes = new ArrayList<TransferOutcome>(linked.size());
    var drafts = new ArrayList<Draft>(linked.size());
    Deque<Runnable> undo = new ArrayDeque<>();
    Set<String> keysInList = new HashSet<>();
    boolean failed = false;

    for (TransferCommand command : linked) {
      Object decision;
      if (!keysInList.add(command.key().value())) {
        decision = RejectionReason.DUPLICATE_KEY_IN_REQUEST;
      } else {
        decision = decideOne(command, undo);
      }
      if (decision instanceof RejectionReason reason) {
        failed = true;
        outcomes.add(new Rejected(reason));
        drafts.add(null);
      } else if (decision instanceof Transfer replayed) {
        outcomes.add(new Posted(replayed, true));
        drafts.add(null);
      } else {
        outcomes.add(null);
        drafts.add((Draft) decision);
      }
    }

    if (failed) {
      while (!undo.isEmpty()) {
        undo.pop().run();
      }
      for (int i = 0; i < outcomes.size(); i++) {
        if (drafts.get(i) != null) {
          outcomes.set(i, new Rejected(RejectionReason.LINKED_TRANSFER_FAILED));
        }
      }
      return outcomes;
    }
    for (int i = 0; i < drafts.size(); i++) {
      Draft draft = drafts.get(i);
      if (draft != null) {
        Transfer row = seal(draft);
        accepted.add(row);
        acceptedByKey.put(row.key().value(), row);
        outcomes.set(i, new Posted(row, false));
      }
    }
    return outcomes;
  }

  /** A RejectionReason, a Transfer (replay of a posted one), or a Draft (accepted). */
  private Object decideOne(TransferCommand command, Deque<Runnable> undo) {
    Transfer existing = acceptedByKey.get(command.key().value());
    if (existing == null) {
      existing = state.storedByKey.get(command.key().value());
    }
    if (existing != null) {
      RejectionReason difference = difference(command, existing);
      return difference == null ? existing : difference;
    }
    return command.kind().resolvesPending()
        ? resolvePending(command, undo)
        : newTransfer(command, undo);
  }

  private Object newTransfer(TransferCommand c, Deque<Runnable> undo) {
    if (c.debit().equals(c.credit())) {
      return RejectionReason.SAME_ACCOUNT;
    }
    AccountState debit = state.accounts.get(c.debit().value());
    if (debit == null) {
      return RejectionReason.DEBIT_ACCOUNT_NOT_FOUND;
    }
    AccountState credit = state.accounts.get(c.credit().value());
    if (credit == null) {
      return RejectionReason.CREDIT_ACCOUNT_NOT_FOUND;
    }
    if (debit.strand != c.strand() || credit.strand != c.strand()) {
      return RejectionReason.STRAND_MISMATCH;
    }
    if (c.payer() != null && !holds(c.payer(), debit)) {
      return RejectionReason.DEBIT_NOT_ALLOWED;
    }
    if (c.code() == TransferCode.PAYMENT && credit.ownerKind == OwnerKind.SYSTEM) {
      return RejectionReason.CREDIT_ACCOUNT_NOT_PAYABLE;
    }
    if (c.reverses() == null && memberToMemberRefused(c.code(), debit, credit)) {
      return RejectionReason.MEMBER_PAYMENTS_NOT_ALLOWED;
    }
    RejectionReason status = statusRejection(debit, credit, c.code(), c.reverses() != null);
    if (status != null) {
      return status;
    }
    if (debit.lot != null && c.reverses() == null) {
      RejectionReason lotRule = lotRejection(debit.lot, c.code(), credit);
      if (lotRule != null) {
        return lotRule;
      }
    }
    long amount = c.amount().minorUnits();
    ReversedState reversed = null;
    if (c.reverses() != null) {
      reversed = state.reversed.get(c.reverses().value());
      if (reversed == null) {
        return RejectionReason.REVERSED_TRANSFER_NOT_FOUND;
      }
      Transfer original = reversed.original;
      if (original.kind() != TransferKind.POSTED && original.kind() != TransferKind.POST_PENDING) {
        return RejectionReason.REVERSED_TRANSFER_NOT_POSTED;
      }
      if (original.strand() != c.strand()
          || !original.debit().equals(c.credit())
          || !original.credit().equals(c.debit())) {
        return RejectionReason.REVERSAL_ACCOUNTS_MISMATCH;
      }
      if (amount > original.amount() - reversed.reversedSoFar) {
        return RejectionReason.REVERSAL_EXCEEDS_ORIGINAL;
      }
    }
    boolean pending = c.kind() == TransferKind.PENDING;
    long newDebits;
    long newCredits;
    try {
      newDebits = Math.addExact(pending ? debit.debitsPending : debit.debitsPosted, amount);
      newCredits = Math.addExact(pending ? credit.creditsPending : credit.creditsPosted, amount);
      boolean within =
          pending
              ? debit.withinLimit(debit.debitsPosted, newDebits)
              : debit.withinLimit(newDebits, debit.debitsPending);
      if (!within) {
        return RejectionReason.INSUFFICIENT_FUNDS;
      }
    } catch (ArithmeticException overflow) {
      return RejectionReason.BALANCE_OVERFLOW;
    }
    change(debit, undo);
    change(credit, undo);
    if (pending) {
      debit.debitsPending = newDebits;
      credit.creditsPending = newCredits;
    } else {
      debit.debitsPosted = newDebits;
      credit.creditsPosted = newCredits;
    }
    if (reversed != null) {
      ReversedState r = reversed;
      r.reversedSoFar += amount;
      undo.push(() -> r.reversedSoFar -= amount);
    }
    Instant expiresAt = c.timeout() == null ? null : now.plus(c.timeout());
    return new Draft(c, c.strand(), c.debit(), c.credit(), amount, c.code(), null, expiresAt);
  }

  private Object resolvePending(TransferCommand c, Deque<Runnable> undo) {
    PendingState p = state.pendings.get(c.pendingId().value());
    if (p == null) {
      return RejectionReason.PENDING_TRANSFER_NOT_FOUND;
    }
    Transfer pending = p.pending;
    if (pending.kind() != TransferKind.PENDING) {
      return RejectionReason.PENDING_TRANSFER_NOT_PENDING;
    }
    if (p.resolution != null) {
      if (p.resolution.key().equals(c.key())) {
        RejectionReason difference = difference(c, p.resolution);
        return difference == null ? p.resolution : difference;
      }
      return switch (p.resolution.kind()) {
        case POST_PENDING -> RejectionReason.PENDING_TRANSFER_ALREADY_POSTED;
        case VOID_PENDING -> RejectionReason.PENDING_TRANSFER_ALREADY_VOIDED;
        default -> RejectionReason.PENDING_TRANSFER_EXPIRED;
      };
    }
    boolean expired = pending.expiresAt().map(at -> !now.isBefore(at)).orElse(false);
    if (c.kind() == TransferKind.EXPIRE_PENDING && !expired) {
      return RejectionReason.PENDING_TRANSFER_NOT_EXPIRED;
    }
    if (c.kind() != TransferKind.EXPIRE_PENDING && expired) {
      return RejectionReason.PENDING_TRANSFER_EXPIRED;
    }
    long reserved = pending.amount();
    long amount = c.amount() == null ? reserved : c.amount().minorUnits();
    if (amount > reserved) {
      return RejectionReason.EXCEEDS_PENDING_AMOUNT;
    }
    AccountState debit = state.accounts.get(pending.debit().value());
    AccountState credit = state.accounts.get(pending.credit().value());
    boolean post = c.kind() == TransferKind.POST_PENDING;
    if (post) {
      if (pending.reverses().isEmpty() && memberToMemberRefused(pending.code(), debit, credit)) {
        return RejectionReason.MEMBER_PAYMENTS_NOT_ALLOWED;
      }
      RejectionReason status =
          statusRejection(debit, credit, pending.code(), pending.reverses().isPresent());
      if (status != null) {
        return status;
      }
      if (debit.lot != null && pending.reverses().isEmpty()) {
        RejectionReason lotRule = lotRejection(debit.lot, pending.code(), credit);
        if (lotRule != null) {
          return lotRule;
        }
      }
    }
    long newDebitsPosted;
    long newCreditsPosted;
    try {
      newDebitsPosted = post ? Math.addExact(debit.debitsPosted, amount) : debit.debitsPosted;
      newCreditsPosted = post ? Math.addExact(credit.creditsPosted, amount) : credit.creditsPosted;
    } catch (ArithmeticException overflow) {
      return RejectionReason.BALANCE_OVERFLOW;
    }
    change(debit, undo);
    change(credit, undo);
    debit.debitsPending -= reserved;
    credit.creditsPending -= reserved;
    debit.debitsPosted = newDebitsPosted;
    credit.creditsPosted = newCreditsPosted;
    Draft draft =
        new Draft(
            c,
            pending.strand(),
            pending.debit(),
            pending.credit(),
            amount,
            pending.code(),
            pending.id(),
            null);
    p.resolution = draft.placeholder(network, now);
    undo.push(() -> p.resolution = null);
    return draft;
  }

  /**
   * Why an account's status forbids this movement, or null if it allows it. OPEN accounts take part
   * in everything; CLOSED accounts in nothing. A FROZEN account is neither debited nor credited —
   * no payment, reward, purchase, grant, fonte... whatever the door — except:
   *
   * <ul>
   *   <li>a CORRECTION, approved by a second coordinator, may debit or credit it (that is how a
   *       frozen account's balance is moved, for instance the closing transfer before it is
   *       closed);
   *   <li>a reversal (a refund, or a correction undoing a transfer) may credit it: money goes back
   *       to where it came from, which the holder could not spend anyway;
   *   <li>a lot of earmarked vouchers may be swept back to its funder at its expiry
   *       (VOUCHER_EXPIRY): the funder's money returns to the funder.
   * </ul>
   *
   * Pending transfers touching a frozen account can still be voided or expire.
   */
  private static RejectionReason statusRejection(
      AccountState debit, AccountState credit, TransferCode code, boolean reversal) {
    if (debit.status == AccountStatus.CLOSED) {
      return RejectionReason.DEBIT_ACCOUNT_CLOSED;
    }
    if (credit.status == AccountStatus.CLOSED) {
      return RejectionReason.CREDIT_ACCOUNT_CLOSED;
    }
    boolean correction = code == TransferCode.CORRECTION;
    if (debit.status == AccountStatus.FROZEN
        && !correction
        && code != TransferCode.VOUCHER_EXPIRY) {
      return RejectionReason.DEBIT_ACCOUNT_FROZEN;
    }
    if (credit.status == AccountStatus.FROZEN && !correction && !reversal) {
      return RejectionReason.CREDIT_ACCOUNT_FROZEN;
    }
    return null;
  }

  /**
   * Whether this is a member paying a member (a PAYMENT, not a reversal, between two accounts owned
   * by MEMBERs) in a network that does not allow it. Whoever asks, whatever the door.
   */
  private boolean memberToMemberRefused(
      TransferCode code, AccountState debit, AccountState credit) {
    return !state.memberPaymentsAllowed && memberToMember(code, debit, credit);
  }

  /**
   * A PAYMENT from a member's account to a member's account (the writer loads the setting then).
   */
  static boolean memberToMember(TransferCode code, AccountState debit, AccountState credit) {
    return code == TransferCode.PAYMENT
        && debit.ownerKind == OwnerKind.MEMBER
        && credit.ownerKind == OwnerKind.MEMBER;
  }

  private static boolean holds(Payer payer, AccountState account) {
    return account.ownerRef.equals(payer.ownerRef())
        && payer.ownerKinds().contains(account.ownerKind);
  }

  /**
   * Why a lot may not pay {@code credit} now, or null if it may: before its expiry, a payment to a
   * merchant of one of its categories; from its expiry on, only the sweep back to its funder. (A
   * reversal, which names the transfer it undoes and goes back to where that came from, is not
   * asked.)
   */
  private RejectionReason lotRejection(
      AccountState.LotRules lot, TransferCode code, AccountState credit) {
    boolean expired = !now.isBefore(lot.expiresAt());
    if (code == TransferCode.VOUCHER_EXPIRY) {
      return expired && credit.id == lot.funder()
          ? null
          : RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED;
    }
    if (expired) {
      return RejectionReason.VOUCHERS_EXPIRED;
    }
    boolean allowed =
        credit.ownerKind == OwnerKind.MERCHANT
            && credit.categories != null
            && credit.categories.stream().anyMatch(lot.categories()::contains);
    return allowed ? null : RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED;
  }

  private static void change(AccountState account, Deque<Runnable> undo) {
    long[] before = account.snapshot();
    undo.push(() -> account.restore(before));
  }

  /** null when the command is a faithful retry of {@code stored}; otherwise what differs. */
  static RejectionReason difference(TransferCommand c, Transfer stored) {
    if (c.kind() != stored.kind()) {
      return RejectionReason.EXISTS_WITH_DIFFERENT_FIELDS;
    }
    if (c.kind().resolvesPending()) {
      if (!stored.pendingId().equals(Optional.of(c.pendingId()))) {
        return RejectionReason.EXISTS_WITH_DIFFERENT_FIELDS;
      }
      if (c.amount() != null && c.amount().minorUnits() != stored.amount()) {
        return RejectionReason.EXISTS_WITH_DIFFERENT_AMOUNT;
      }
    } else {
      if (!c.debit().equals(stored.debit())) {
        return RejectionReason.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT;
      }
      if (!c.credit().equals(stored.credit())) {
        return RejectionReason.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT;
      }
      if (c.amount().minorUnits() != stored.amount()) {
        return RejectionReason.EXISTS_WITH_DIFFERENT_AMOUNT;
      }
      Duration storedTimeout =
          stored.expiresAt().map(at -> Duration.between(stored.createdAt(), at)).orElse(null);
      if (c.strand() != stored.strand()
          || c.code() != stored.code()
          || !Objects.equals(Optional.ofNullable(c.reverses()), stored.reverses())
          || !Objects.equals(c.timeout(), storedTimeout)) {
        return RejectionReason.EXISTS_WITH_DIFFERENT_FIELDS;
      }
    }
    if (!c.reference().equals(stored.reference()) || !c.memo().equals(stored.memo())) {
      return RejectionReason.EXISTS_WITH_DIFFERENT_FIELDS;
    }
    return null;
  }

  /** Gives an accepted draft its id, its place in the chain and its hash. */
  private Transfer seal(Draft d) {
    ChainHead head = heads.get(d.strand);
    Transfer unhashed =
        new Transfer(
            network,
            new TransferId(nextTransferId.getAsLong()),
            d.strand,
            head.seq() + 1,
            d.command.kind(),
            d.debit,
            d.credit,
            d.amount,
            d.code,
            d.command.key(),
            Optional.ofNullable(d.pendingId),
            Optional.ofNullable(d.command.reverses()),
            Optional.ofNullable(d.expiresAt),
            d.command.reference(),
            d.command.memo(),
            now,
            JournalHash.genesis());
    byte[] hash = JournalHash.chain(head.hash(), unhashed);
    heads.put(d.strand, new ChainHead(unhashed.seq(), hash));
    return new Transfer(
        network,
        unhashed.id(),
        unhashed.strand(),
        unhashed.seq(),
        unhashed.kind(),
        unhashed.debit(),
        unhashed.credit(),
        unhashed.amount(),
        unhashed.code(),
        unhashed.key(),
        unhashed.pendingId(),
        unhashed.reverses(),
        unhashed.expiresAt(),
        unhashed.reference(),
        unhashed.memo(),
        unhashed.createdAt(),
        hash);
  }

  /** An accepted transfer before it has an id, a seq and a hash. */
  private record Draft(
      TransferCommand command,
      StrandKind strand,
      AccountId debit,
      AccountId credit,
      long amount,
      TransferCode code,
      TransferId pendingId,
      Instant expiresAt) {

    /**
     * Stands for the resolution of a pending transfer until the batch is sealed: only its kind and
     * key are read (to reject a second resolution, or to answer a retry in the same batch via
     * acceptedByKey, which holds the sealed row).
     */
    Transfer placeholder(NetworkId network, Instant now) {
      return new Transfer(
          network,
          new TransferId(Long.MAX_VALUE),
          strand,
          1,
          command.kind(),
          debit,
          credit,
          amount,
          code,
          command.key(),
          Optional.ofNullable(pendingId),
          Optional.empty(),
          Optional.empty(),
          command.reference(),
          command.memo(),
          now,
          JournalHash.genesis());
    }
  }
}
