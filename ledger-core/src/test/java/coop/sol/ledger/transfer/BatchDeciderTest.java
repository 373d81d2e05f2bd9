package coop.sol.ledger.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.TransferOutcome.Posted;
import coop.sol.ledger.transfer.TransferOutcome.Rejected;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The decider on its own: no database, exact state in, outcomes and rows out. */
class BatchDeciderTest {
  static final NetworkId NETWORK = new NetworkId(1);
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  BatchState state;
  BatchDecider decider;
  final AtomicLong ids = new AtomicLong(100);

  @BeforeEach
  void twoMembersAndAShop() {
    state = new BatchState();
    account(1, 1_000, 0, AccountStatus.OPEN);
    account(2, 0, 0, AccountStatus.OPEN);
    account(3, 0, 500, AccountStatus.OPEN);
    Map<StrandKind, ChainHead> heads = new EnumMap<>(StrandKind.class);
    for (StrandKind s : StrandKind.values()) {
      heads.put(s, new ChainHead(0, JournalHash.genesis()));
    }
    decider = new BatchDecider(NETWORK, NOW, state, heads, ids::incrementAndGet);
  }

  /** An account of a member, "m" + its id, not a voucher lot. */
  static AccountState accountState(
      long id,
      StrandKind strand,
      AccountStatus status,
      Long limit,
      long debitsPosted,
      long creditsPosted,
      long debitsPending,
      long creditsPending) {
    return new AccountState(
        id,
        strand,
        status,
        OwnerKind.MEMBER,
        "m" + id,
        null,
        limit,
        debitsPosted,
        creditsPosted,
        debitsPending,
        creditsPending);
  }

  void account(long id, long credits, long limit, AccountStatus status) {
    state.accounts.put(
        id, accountState(id, StrandKind.COOPERATION, status, limit, 0, credits, 0, 0));
  }

  static TransferCommand pay(long from, long to, long amount, String key) {
    return TransferCommand.posted(
        new IdempotencyKey(key),
        StrandKind.COOPERATION,
        new AccountId(from),
        new AccountId(to),
        Amount.of(amount),
        TransferCode.PAYMENT);
  }

  @Test
  void decides_in_order_against_the_balances_it_changes() {
    assertThat(decider.decide(List.of(pay(1, 2, 600, "a")))).allMatch(TransferOutcome::isPosted);
    assertThat(decider.decide(List.of(pay(1, 2, 600, "b"))))
        .containsExactly(new Rejected(RejectionReason.INSUFFICIENT_FUNDS));
    assertThat(decider.decide(List.of(pay(1, 2, 400, "c")))).allMatch(TransferOutcome::isPosted);
    assertThat(state.accounts.get(1L).deltaDebitsPosted()).isEqualTo(1_000);
    assertThat(state.accounts.get(2L).deltaCreditsPosted()).isEqualTo(1_000);
  }

  @Test
  void a_failed_linked_list_leaves_no_trace() {
    var outcomes = decider.decide(List.of(pay(1, 2, 300, "a"), pay(3, 2, 501, "b")));

    assertThat(outcomes)
        .containsExactly(
            new Rejected(RejectionReason.LINKED_TRANSFER_FAILED),
            new Rejected(RejectionReason.INSUFFICIENT_FUNDS));
    assertThat(state.accounts.values()).noneMatch(AccountState::changed);
    assertThat(decider.accepted()).isEmpty();
    assertThat(decider.heads().get(StrandKind.COOPERATION).seq()).isZero();
  }

  @Test
  void accepted_rows_extend_the_chain_one_seq_at_a_time() {
    decider.decide(List.of(pay(1, 2, 1, "a"), pay(1, 2, 2, "b")));
    decider.decide(List.of(pay(3, 2, 3, "c")));

    List<Transfer> rows = decider.accepted();
    assertThat(rows).extracting(Transfer::seq).containsExactly(1L, 2L, 3L);
    assertThat(rows.get(0).hash()).isEqualTo(JournalHash.chain(JournalHash.genesis(), rows.get(0)));
    assertThat(rows.get(2).hash()).isEqualTo(JournalHash.chain(rows.get(1).hash(), rows.get(2)));
    assertThat(decider.heads().get(StrandKind.COOPERATION).hash()).isEqualTo(rows.get(2).hash());
  }

  @Test
  void a_key_seen_earlier_in_the_batch_is_a_replay_or_a_conflict() {
    Transfer first = ((Posted) decider.decide(List.of(pay(1, 2, 5, "same"))).get(0)).transfer();

    assertThat(decider.decide(List.of(pay(1, 2, 5, "same"))))
        .containsExactly(new Posted(first, true));
    assertThat(decider.decide(List.of(pay(1, 2, 6, "same"))))
        .containsExactly(new Rejected(RejectionReason.EXISTS_WITH_DIFFERENT_AMOUNT));
    assertThat(decider.accepted()).hasSize(1);
  }

  @Test
  void frozen_accounts_are_refused_on_either_side() {
    account(4, 100, 0, AccountStatus.FROZEN);

    assertThat(decider.decide(List.of(pay(4, 2, 1, "a"))))
        .containsExactly(new Rejected(RejectionReason.DEBIT_ACCOUNT_FROZEN));
    assertThat(decider.decide(List.of(pay(1, 4, 1, "b"))))
        .containsExactly(new Rejected(RejectionReason.CREDIT_ACCOUNT_FROZEN));
  }

  @Test
  void a_frozen_account_receives_reversals_and_corrections_and_pays_only_corrections() {
    Transfer sale = posted(decider.decide(List.of(pay(1, 2, 200, "sale"))));
    state.reversed.put(sale.id().value(), new BatchState.ReversedState(sale, 0));
    freeze(1);

    // a refund of what it paid comes back to it; nothing else does
    assertThat(decider.decide(List.of(pay(2, 1, 50, "refund").reversing(sale.id()))))
        .allMatch(TransferOutcome::isPosted);
    assertThat(decider.decide(List.of(pay(2, 1, 50, "gift"))))
        .containsExactly(new Rejected(RejectionReason.CREDIT_ACCOUNT_FROZEN));
    // two coordinators' correction moves its money, either way
    assertThat(decider.decide(List.of(correction(1, 3, 10, "c1"))))
        .allMatch(TransferOutcome::isPosted);
    assertThat(decider.decide(List.of(correction(3, 1, 5, "c2"))))
        .allMatch(TransferOutcome::isPosted);
    // a frozen payee refunds nothing: a reversal debiting a frozen account is refused
    freeze(2);
    assertThat(decider.decide(List.of(pay(2, 1, 50, "refund2").reversing(sale.id()))))
        .containsExactly(new Rejected(RejectionReason.DEBIT_ACCOUNT_FROZEN));
    // a closed account takes part in nothing, not even a correction
    account(4, 0, 0, AccountStatus.CLOSED);
    assertThat(decider.decide(List.of(correction(3, 4, 1, "c3"))))
        .containsExactly(new Rejected(RejectionReason.CREDIT_ACCOUNT_CLOSED));
  }

  private void freeze(long id) {
    AccountState a = state.accounts.get(id);
    state.accounts.put(
        id,
        accountState(
            id,
            a.strand,
            AccountStatus.FROZEN,
            a.creditLimit,
            a.debitsPosted,
            a.creditsPosted,
            a.debitsPending,
            a.creditsPending));
  }

  private static TransferCommand correction(long from, long to, long amount, String key) {
    return TransferCommand.posted(
        new IdempotencyKey(key),
        StrandKind.COOPERATION,
        new AccountId(from),
        new AccountId(to),
        Amount.of(amount),
        TransferCode.CORRECTION);
  }

  Transfer posted(List<TransferOutcome> outcomes) {
    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0)).isInstanceOf(Posted.class);
    return ((Posted) outcomes.get(0)).transfer();
  }

  /** Makes a transfer decided in this batch look stored, as the writer's next batch sees it. */
  void stored(Transfer t) {
    state.storedByKey.put(t.key().value(), t);
  }

  static TransferCommand reserve(long from, long to, long amount, String key) {
    return TransferCommand.pending(
        new IdempotencyKey(key),
        StrandKind.COOPERATION,
        new AccountId(from),
        new AccountId(to),
        Amount.of(amount),
        TransferCode.PAYMENT,
        java.time.Duration.ofMinutes(5));
  }

  @Test
  void a_pending_transfer_reserves_and_its_post_moves_at_most_the_reserve() {
    Transfer pending = posted(decider.decide(List.of(reserve(1, 2, 700, "p"))));
    AccountState payer = state.accounts.get(1L);
    assertThat(payer.debitsPending).isEqualTo(700);
    assertThat(pending.expiresAt()).contains(NOW.plusSeconds(300));
    assertThat(decider.decide(List.of(pay(1, 2, 301, "x"))))
        .containsExactly(new Rejected(RejectionReason.INSUFFICIENT_FUNDS));
    assertThat(decider.decide(List.of(pay(1, 2, 300, "y")))).allMatch(TransferOutcome::isPosted);

    state.pendings.put(pending.id().value(), new BatchState.PendingState(pending, null));
    assertThat(
            decider.decide(
                List.of(
                    TransferCommand.postPending(
                        new IdempotencyKey("too-much"), pending.id(), Amount.of(701)))))
        .containsExactly(new Rejected(RejectionReason.EXCEEDS_PENDING_AMOUNT));
    Transfer post =
        posted(
            decider.decide(
                List.of(
                    TransferCommand.postPending(
                        new IdempotencyKey("post"), pending.id(), Amount.of(650)))));

    assertThat(post.amount()).isEqualTo(650);
    assertThat(post.pendingId()).contains(pending.id());
    assertThat(post.debit()).isEqualTo(pending.debit());
    assertThat(post.code()).isEqualTo(TransferCode.PAYMENT);
    assertThat(payer.debitsPending).isZero();
    assertThat(payer.debitsPosted).isEqualTo(950);
    assertThat(state.accounts.get(2L).creditsPending).isZero();
    assertThat(state.accounts.get(2L).creditsPosted).isEqualTo(950);
    assertThat(
            decider.decide(
                List.of(TransferCommand.voidPending(new IdempotencyKey("void"), pending.id()))))
        .containsExactly(new Rejected(RejectionReason.PENDING_TRANSFER_ALREADY_POSTED));
  }

  @Test
  void void_and_expiry_release_the_whole_reserve() {
    Transfer pending = posted(decider.decide(List.of(reserve(1, 2, 700, "p"))));
    state.pendings.put(pending.id().value(), new BatchState.PendingState(pending, null));

    assertThat(
            decider.decide(
                List.of(TransferCommand.expirePending(new IdempotencyKey("e"), pending.id()))))
        .containsExactly(new Rejected(RejectionReason.PENDING_TRANSFER_NOT_EXPIRED));
    Transfer voided =
        posted(
            decider.decide(
                List.of(TransferCommand.voidPending(new IdempotencyKey("v"), pending.id()))));

    assertThat(voided.amount()).isEqualTo(700);
    assertThat(state.accounts.get(1L).debitsPending).isZero();
    assertThat(state.accounts.get(1L).debitsPosted).isZero();
    assertThat(
            decider.decide(
                List.of(TransferCommand.postPending(new IdempotencyKey("p2"), pending.id(), null))))
        .containsExactly(new Rejected(RejectionReason.PENDING_TRANSFER_ALREADY_VOIDED));
  }

  @Test
  void an_expired_pending_transfer_can_only_be_expired() {
    Transfer pending = posted(decider.decide(List.of(reserve(1, 2, 700, "p"))));
    var later =
        new BatchDecider(
            NETWORK, NOW.plusSeconds(300), state, decider.heads(), ids::incrementAndGet);
    state.pendings.put(pending.id().value(), new BatchState.PendingState(pending, null));

    assertThat(
            later.decide(
                List.of(
                    TransferCommand.postPending(new IdempotencyKey("late"), pending.id(), null))))
        .containsExactly(new Rejected(RejectionReason.PENDING_TRANSFER_EXPIRED));
    assertThat(
            later.decide(
                List.of(TransferCommand.expirePending(new IdempotencyKey("exp"), pending.id()))))
        .allMatch(TransferOutcome::isPosted);
    assertThat(state.accounts.get(1L).debitsPending).isZero();
    assertThat(
            later.decide(
                List.of(TransferCommand.voidPending(new IdempotencyKey("v"), pending.id()))))
        .containsExactly(new Rejected(RejectionReason.PENDING_TRANSFER_EXPIRED));
  }

  @Test
  void unknown_or_non_pending_transfers_cannot_be_resolved() {
    Transfer plain = posted(decider.decide(List.of(pay(1, 2, 5, "a"))));
    state.pendings.put(plain.id().value(), new BatchState.PendingState(plain, null));

    assertThat(
            decider.decide(
                List.of(TransferCommand.voidPending(new IdempotencyKey("v1"), plain.id()))))
        .containsExactly(new Rejected(RejectionReason.PENDING_TRANSFER_NOT_PENDING));
    assertThat(
            decider.decide(
                List.of(
                    TransferCommand.voidPending(new IdempotencyKey("v2"), new TransferId(9_999)))))
        .containsExactly(new Rejected(RejectionReason.PENDING_TRANSFER_NOT_FOUND));
  }

  @Test
  void a_retry_of_a_resolution_is_answered_with_the_stored_resolution() {
    Transfer pending = posted(decider.decide(List.of(reserve(1, 2, 700, "p"))));
    state.pendings.put(pending.id().value(), new BatchState.PendingState(pending, null));
    TransferCommand post =
        TransferCommand.postPending(new IdempotencyKey("post"), pending.id(), null);
    Transfer resolution = posted(decider.decide(List.of(post)));
    // the next batch loads the pending transfer with the row that resolved it
    state.pendings.put(pending.id().value(), new BatchState.PendingState(pending, resolution));
    var nextBatch = new BatchDecider(NETWORK, NOW, state, decider.heads(), ids::incrementAndGet);

    assertThat(nextBatch.decide(List.of(post))).containsExactly(new Posted(resolution, true));
    assertThat(
            nextBatch.decide(
                List.of(
                    TransferCommand.postPending(
                        new IdempotencyKey("post"), pending.id(), Amount.of(1)))))
        .containsExactly(new Rejected(RejectionReason.EXISTS_WITH_DIFFERENT_AMOUNT));
  }

  @Test
  void reversals_swap_the_accounts_and_never_exceed_the_original() {
    Transfer sale = posted(decider.decide(List.of(pay(1, 2, 400, "sale"))));
    state.reversed.put(sale.id().value(), new BatchState.ReversedState(sale, 100));
    TransferCommand refund = pay(2, 1, 300, "r1").reversing(sale.id());

    assertThat(decider.decide(List.of(pay(2, 1, 301, "r0").reversing(sale.id()))))
        .containsExactly(new Rejected(RejectionReason.REVERSAL_EXCEEDS_ORIGINAL));
    assertThat(decider.decide(List.of(pay(2, 3, 1, "r2").reversing(sale.id()))))
        .containsExactly(new Rejected(RejectionReason.REVERSAL_ACCOUNTS_MISMATCH));
    assertThat(decider.decide(List.of(pay(3, 1, 1, "r3").reversing(sale.id()))))
        .containsExactly(new Rejected(RejectionReason.REVERSAL_ACCOUNTS_MISMATCH));
    assertThat(posted(decider.decide(List.of(refund))).reverses()).contains(sale.id());
    assertThat(decider.decide(List.of(pay(2, 1, 1, "r4").reversing(sale.id()))))
        .containsExactly(new Rejected(RejectionReason.REVERSAL_EXCEEDS_ORIGINAL));
    assertThat(decider.decide(List.of(pay(2, 1, 1, "r5").reversing(new TransferId(12_345)))))
        .containsExactly(new Rejected(RejectionReason.REVERSED_TRANSFER_NOT_FOUND));
  }

  @Test
  void a_pending_transfer_cannot_be_reversed() {
    Transfer pending = posted(decider.decide(List.of(reserve(1, 2, 10, "p"))));
    state.reversed.put(pending.id().value(), new BatchState.ReversedState(pending, 0));

    assertThat(decider.decide(List.of(pay(2, 1, 1, "r").reversing(pending.id()))))
        .containsExactly(new Rejected(RejectionReason.REVERSED_TRANSFER_NOT_POSTED));
  }

  @Test
  void every_stored_field_takes_part_in_the_idempotency_comparison() {
    TransferCommand original = pay(1, 2, 5, "k").withReference("ref").withMemo("memo");
    stored(posted(decider.decide(List.of(original))));
    var next = new BatchDecider(NETWORK, NOW, state, decider.heads(), ids::incrementAndGet);
    var k = new IdempotencyKey("k");

    assertThat(next.decide(List.of(original))).allMatch(o -> o instanceof Posted p && p.replayed());
    assertThat(next.decide(List.of(pay(3, 2, 5, "k").withReference("ref").withMemo("memo"))))
        .containsExactly(new Rejected(RejectionReason.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT));
    assertThat(next.decide(List.of(pay(1, 3, 5, "k").withReference("ref").withMemo("memo"))))
        .containsExactly(new Rejected(RejectionReason.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT));
    assertThat(next.decide(List.of(pay(1, 2, 6, "k").withReference("ref").withMemo("memo"))))
        .containsExactly(new Rejected(RejectionReason.EXISTS_WITH_DIFFERENT_AMOUNT));
    assertThat(next.decide(List.of(original.withReference("other"))))
        .containsExactly(new Rejected(RejectionReason.EXISTS_WITH_DIFFERENT_FIELDS));
    assertThat(next.decide(List.of(original.withMemo("other"))))
        .containsExactly(new Rejected(RejectionReason.EXISTS_WITH_DIFFERENT_FIELDS));
    assertThat(
            next.decide(
                List.of(
                    TransferCommand.posted(
                            k,
                            StrandKind.COOPERATION,
                            new AccountId(1),
                            new AccountId(2),
                            Amount.of(5),
                            TransferCode.REWARD)
                        .withReference("ref")
                        .withMemo("memo"))))
        .containsExactly(new Rejected(RejectionReason.EXISTS_WITH_DIFFERENT_FIELDS));
    assertThat(
            next.decide(
                List.of(
                    TransferCommand.pending(
                            k,
                            StrandKind.COOPERATION,
                            new AccountId(1),
                            new AccountId(2),
                            Amount.of(5),
                            TransferCode.PAYMENT,
                            null)
                        .withReference("ref")
                        .withMemo("memo"))))
        .containsExactly(new Rejected(RejectionReason.EXISTS_WITH_DIFFERENT_FIELDS));
    assertThat(next.decide(List.of(original.reversing(new TransferId(1)))))
        .containsExactly(new Rejected(RejectionReason.EXISTS_WITH_DIFFERENT_FIELDS));
  }

  @Test
  void same_account_missing_accounts_and_strands_are_refused_first() {
    state.accounts.put(
        5L, accountState(5, StrandKind.ENGAGEMENT, AccountStatus.OPEN, 0L, 0, 100, 0, 0));

    assertThat(decider.decide(List.of(pay(1, 1, 1, "a"))))
        .containsExactly(new Rejected(RejectionReason.SAME_ACCOUNT));
    assertThat(decider.decide(List.of(pay(8, 1, 1, "b"))))
        .containsExactly(new Rejected(RejectionReason.DEBIT_ACCOUNT_NOT_FOUND));
    assertThat(decider.decide(List.of(pay(1, 8, 1, "c"))))
        .containsExactly(new Rejected(RejectionReason.CREDIT_ACCOUNT_NOT_FOUND));
    assertThat(decider.decide(List.of(pay(1, 5, 1, "d"))))
        .containsExactly(new Rejected(RejectionReason.STRAND_MISMATCH));
    assertThat(decider.decide(List.of(pay(5, 1, 1, "e"))))
        .containsExactly(new Rejected(RejectionReason.STRAND_MISMATCH));
  }

  @Test
  void closed_accounts_are_refused_and_unlimited_accounts_go_below_zero() {
    account(6, 0, 0, AccountStatus.CLOSED);
    state.accounts.put(
        7L, accountState(7, StrandKind.COOPERATION, AccountStatus.OPEN, null, 0, 0, 0, 0));

    assertThat(decider.decide(List.of(pay(6, 2, 1, "a"))))
        .containsExactly(new Rejected(RejectionReason.DEBIT_ACCOUNT_CLOSED));
    assertThat(decider.decide(List.of(pay(1, 6, 1, "b"))))
        .containsExactly(new Rejected(RejectionReason.CREDIT_ACCOUNT_CLOSED));
    assertThat(decider.decide(List.of(pay(7, 2, 1_000_000, "c"))))
        .allMatch(TransferOutcome::isPosted);
    assertThat(state.accounts.get(7L).debitsPosted).isEqualTo(1_000_000);
  }

  @Test
  void a_limit_is_reached_exactly_not_crossed() {
    assertThat(decider.decide(List.of(pay(3, 2, 500, "a")))).allMatch(TransferOutcome::isPosted);
    assertThat(decider.decide(List.of(pay(3, 2, 1, "b"))))
        .containsExactly(new Rejected(RejectionReason.INSUFFICIENT_FUNDS));
    assertThat(state.accounts.get(3L).debitsPosted).isEqualTo(500);
  }

  @Test
  void overflow_is_a_rejection_not_a_wrap() {
    state.accounts.put(
        9L, accountState(9, StrandKind.COOPERATION, AccountStatus.OPEN, null, 0, 0, 0, 0));
    state.accounts.put(
        10L,
        accountState(
            10, StrandKind.COOPERATION, AccountStatus.OPEN, 0L, 0, Long.MAX_VALUE - 1, 0, 0));

    assertThat(decider.decide(List.of(pay(9, 10, 2, "a"))))
        .containsExactly(new Rejected(RejectionReason.BALANCE_OVERFLOW));
    assertThat(decider.decide(List.of(pay(9, 10, 1, "b")))).allMatch(TransferOutcome::isPosted);
  }

  @Test
  void a_failed_linked_list_leaves_its_pending_resolution_and_reversals_undone() {
    Transfer pending = posted(decider.decide(List.of(reserve(1, 2, 700, "p"))));
    Transfer sale = posted(decider.decide(List.of(pay(1, 2, 200, "sale"))));
    state.pendings.put(pending.id().value(), new BatchState.PendingState(pending, null));
    state.reversed.put(sale.id().value(), new BatchState.ReversedState(sale, 0));
    long[] payer = state.accounts.get(1L).snapshot();
    long[] payee = state.accounts.get(2L).snapshot();

    var outcomes =
        decider.decide(
            List.of(
                TransferCommand.postPending(new IdempotencyKey("post"), pending.id(), null),
                pay(2, 1, 200, "refund").reversing(sale.id()),
                pay(3, 2, 501, "too-much")));

    assertThat(outcomes)
        .containsExactly(
            new Rejected(RejectionReason.LINKED_TRANSFER_FAILED),
            new Rejected(RejectionReason.LINKED_TRANSFER_FAILED),
            new Rejected(RejectionReason.INSUFFICIENT_FUNDS));
    assertThat(state.accounts.get(1L).snapshot()).containsExactly(payer);
    assertThat(state.accounts.get(2L).snapshot()).containsExactly(payee);
    assertThat(state.pendings.get(pending.id().value()).resolution).isNull();
    assertThat(state.reversed.get(sale.id().value()).reversedSoFar).isZero();
    // and both can still happen afterwards
    assertThat(
            decider.decide(
                List.of(
                    TransferCommand.postPending(new IdempotencyKey("post2"), pending.id(), null))))
        .allMatch(TransferOutcome::isPosted);
    assertThat(decider.decide(List.of(pay(2, 1, 200, "refund2").reversing(sale.id()))))
        .allMatch(TransferOutcome::isPosted);
  }

  @Test
  void a_frozen_account_blocks_the_post_of_its_pending_transfer_but_not_the_void() {
    Transfer pending = posted(decider.decide(List.of(reserve(1, 2, 100, "p"))));
    AccountState payee = state.accounts.get(2L);
    state.accounts.put(
        2L,
        accountState(
            2,
            StrandKind.COOPERATION,
            AccountStatus.FROZEN,
            0L,
            payee.debitsPosted,
            payee.creditsPosted,
            payee.debitsPending,
            payee.creditsPending));
    state.pendings.put(pending.id().value(), new BatchState.PendingState(pending, null));

    assertThat(
            decider.decide(
                List.of(
                    TransferCommand.postPending(new IdempotencyKey("post"), pending.id(), null))))
        .containsExactly(new Rejected(RejectionReason.CREDIT_ACCOUNT_FROZEN));
    assertThat(
            decider.decide(
                List.of(TransferCommand.voidPending(new IdempotencyKey("void"), pending.id()))))
        .allMatch(TransferOutcome::isPosted);
    assertThat(state.accounts.get(2L).creditsPending).isZero();
    assertThat(state.accounts.get(2L).deltaCreditsPending()).isEqualTo(-100);
    assertThat(state.accounts.get(1L).deltaDebitsPending()).isZero();
  }

  // --- the rules a payment carries, and those a voucher lot carries

  /** A lot of earmarked vouchers: FOOD only, until a day after NOW, back to funder 21. */
  void lot(long id, long credits, java.time.Instant expiresAt) {
    state.accounts.put(
        id,
        new AccountState(
            id,
            StrandKind.COOPERATION,
            AccountStatus.OPEN,
            OwnerKind.MEMBER,
            "chloe",
            new AccountState.LotRules(expiresAt, java.util.Set.of("FOOD"), 21),
            0L,
            0,
            credits,
            0,
            0));
  }

  void merchant(long id, String ref, java.util.Set<String> categories) {
    AccountState shop =
        new AccountState(
            id,
            StrandKind.COOPERATION,
            AccountStatus.OPEN,
            OwnerKind.MERCHANT,
            ref,
            null,
            0L,
            0,
            0,
            0,
            0);
    shop.categories = categories;
    state.accounts.put(id, shop);
  }

  void system(long id, OwnerKind kind) {
    state.accounts.put(
        id,
        new AccountState(
            id, StrandKind.COOPERATION, AccountStatus.OPEN, kind, "fund", null, null, 0, 0, 0, 0));
  }

  @Test
  void a_payment_posts_only_from_an_account_its_payer_holds() {
    var mine = new Payer("m1", java.util.Set.of(OwnerKind.MEMBER));
    var notMine = new Payer("m2", java.util.Set.of(OwnerKind.MEMBER));
    var wrongKind = new Payer("m1", java.util.Set.of(OwnerKind.MERCHANT));

    assertThat(decider.decide(List.of(pay(1, 2, 10, "a").paidBy(notMine))))
        .containsExactly(new Rejected(RejectionReason.DEBIT_NOT_ALLOWED));
    assertThat(decider.decide(List.of(pay(1, 2, 10, "b").paidBy(wrongKind))))
        .containsExactly(new Rejected(RejectionReason.DEBIT_NOT_ALLOWED));
    assertThat(decider.decide(List.of(pay(1, 2, 10, "c").paidBy(mine))))
        .allMatch(TransferOutcome::isPosted);
    assertThat(state.accounts.get(1L).debitsPosted).isEqualTo(10);
  }

  @Test
  void a_network_that_forbids_it_refuses_members_paying_members_but_not_merchants_or_refunds() {
    Transfer gift = posted(decider.decide(List.of(pay(1, 2, 100, "gift"))));
    state.reversed.put(gift.id().value(), new BatchState.ReversedState(gift, 0));
    merchant(50, "epicerie", java.util.Set.of());
    state.memberPaymentsAllowed = false;

    assertThat(decider.decide(List.of(pay(1, 2, 10, "a"))))
        .containsExactly(new Rejected(RejectionReason.MEMBER_PAYMENTS_NOT_ALLOWED));
    // a pending payment between members is refused when made; one made before is not posted
    assertThat(decider.decide(List.of(reserve(1, 2, 10, "p"))))
        .containsExactly(new Rejected(RejectionReason.MEMBER_PAYMENTS_NOT_ALLOWED));
    assertThat(decider.decide(List.of(pay(1, 50, 10, "shop")))).allMatch(TransferOutcome::isPosted);
    // money goes back where it came from, and two coordinators' corrections still move it
    assertThat(decider.decide(List.of(pay(2, 1, 40, "back").reversing(gift.id()))))
        .allMatch(TransferOutcome::isPosted);
    assertThat(decider.decide(List.of(correction(1, 2, 5, "c"))))
        .allMatch(TransferOutcome::isPosted);
    assertThat(state.accounts.get(2L).creditsPosted).isEqualTo(105);
  }

  @Test
  void a_pending_payment_between_members_is_not_posted_once_the_network_forbids_it() {
    Transfer held = posted(decider.decide(List.of(reserve(1, 2, 10, "p"))));
    state.pendings.put(held.id().value(), new BatchState.PendingState(held, null));
    state.memberPaymentsAllowed = false;

    assertThat(
            decider.decide(
                List.of(TransferCommand.postPending(new IdempotencyKey("post"), held.id(), null))))
        .containsExactly(new Rejected(RejectionReason.MEMBER_PAYMENTS_NOT_ALLOWED));
    assertThat(
            decider.decide(
                List.of(TransferCommand.voidPending(new IdempotencyKey("v"), held.id()))))
        .allMatch(TransferOutcome::isPosted);
  }

  @Test
  void a_payment_never_credits_a_system_account_but_other_codes_may() {
    system(30, OwnerKind.SYSTEM);

    assertThat(decider.decide(List.of(pay(1, 30, 10, "a"))))
        .containsExactly(new Rejected(RejectionReason.CREDIT_ACCOUNT_NOT_PAYABLE));
    assertThat(
            decider.decide(
                List.of(
                    TransferCommand.posted(
                        new IdempotencyKey("b"),
                        StrandKind.COOPERATION,
                        new AccountId(1),
                        new AccountId(30),
                        Amount.of(10),
                        TransferCode.FONTE))))
        .allMatch(TransferOutcome::isPosted);
  }

  @Test
  void a_lot_pays_only_merchants_of_its_categories_before_its_expiry() {
    lot(40, 5_000, NOW.plusSeconds(86_400));
    merchant(50, "epicerie", java.util.Set.of("FOOD", "HYGIENE"));
    merchant(51, "librairie", java.util.Set.of("BOOKS"));
    merchant(52, "sans-categorie", java.util.Set.of());

    assertThat(decider.decide(List.of(pay(40, 51, 100, "book"))))
        .containsExactly(new Rejected(RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED));
    assertThat(decider.decide(List.of(pay(40, 52, 100, "none"))))
        .containsExactly(new Rejected(RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED));
    // a member is no merchant, whatever the categories
    assertThat(decider.decide(List.of(pay(40, 2, 100, "friend"))))
        .containsExactly(new Rejected(RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED));
    Transfer food = posted(decider.decide(List.of(pay(40, 50, 100, "food"))));
    assertThat(state.accounts.get(40L).debitsPosted).isEqualTo(100);
    // a refund credits the lot: the lot's rules are about what it pays
    state.reversed.put(food.id().value(), new BatchState.ReversedState(food, 0));
    assertThat(decider.decide(List.of(pay(50, 40, 100, "refund").reversing(food.id()))))
        .allMatch(TransferOutcome::isPosted);
  }

  @Test
  void a_reversal_debits_a_lot_back_to_where_its_value_came_from() {
    lot(40, 0, NOW.plusSeconds(86_400));
    state.accounts.put(
        21L,
        new AccountState(
            21,
            StrandKind.COOPERATION,
            AccountStatus.OPEN,
            OwnerKind.FUNDER,
            "mairie",
            null,
            0L,
            0,
            5_000,
            0,
            0));
    Transfer grant =
        posted(
            decider.decide(
                List.of(
                    TransferCommand.posted(
                        new IdempotencyKey("grant"),
                        StrandKind.COOPERATION,
                        new AccountId(21),
                        new AccountId(40),
                        Amount.of(5_000),
                        TransferCode.GRANT))));
    state.reversed.put(grant.id().value(), new BatchState.ReversedState(grant, 0));

    // the funder is no merchant of FOOD, but a correction undoing the grant goes back to it
    assertThat(
            decider.decide(
                List.of(
                    TransferCommand.posted(
                            new IdempotencyKey("undo"),
                            StrandKind.COOPERATION,
                            new AccountId(40),
                            new AccountId(21),
                            Amount.of(5_000),
                            TransferCode.CORRECTION)
                        .reversing(grant.id()))))
        .allMatch(TransferOutcome::isPosted);
  }

  @Test
  void an_expired_lot_pays_no_one_and_goes_back_to_its_funder_only() {
    lot(40, 5_000, NOW);
    merchant(50, "epicerie", java.util.Set.of("FOOD"));
    state.accounts.put(
        21L,
        new AccountState(
            21,
            StrandKind.COOPERATION,
            AccountStatus.OPEN,
            OwnerKind.FUNDER,
            "mairie",
            null,
            0L,
            5_000,
            0,
            0,
            0));

    assertThat(decider.decide(List.of(pay(40, 50, 100, "late"))))
        .containsExactly(new Rejected(RejectionReason.VOUCHERS_EXPIRED));
    assertThat(decider.decide(List.of(sweep(40, 2, 5_000, "wrong-way"))))
        .containsExactly(new Rejected(RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED));
    assertThat(decider.decide(List.of(sweep(40, 21, 5_000, "back"))))
        .allMatch(TransferOutcome::isPosted);
  }

  @Test
  void a_lot_is_not_swept_before_its_expiry() {
    lot(40, 5_000, NOW.plusSeconds(1));
    state.accounts.put(
        21L,
        new AccountState(
            21,
            StrandKind.COOPERATION,
            AccountStatus.OPEN,
            OwnerKind.FUNDER,
            "mairie",
            null,
            0L,
            5_000,
            0,
            0,
            0));
    assertThat(decider.decide(List.of(sweep(40, 21, 5_000, "early"))))
        .containsExactly(new Rejected(RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED));
  }

  static TransferCommand sweep(long from, long to, long amount, String key) {
    return TransferCommand.posted(
        new IdempotencyKey(key),
        StrandKind.COOPERATION,
        new AccountId(from),
        new AccountId(to),
        Amount.of(amount),
        TransferCode.VOUCHER_EXPIRY);
  }
}
