package coop.sol.ledger.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.AccountStatus;
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

  void account(long id, long credits, long limit, AccountStatus status) {
    state.accounts.put(
        id, new AccountState(id, StrandKind.COOPERATION, status, limit, 0, credits, 0, 0));
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
}
