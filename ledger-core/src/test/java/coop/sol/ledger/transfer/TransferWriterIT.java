package coop.sol.ledger.transfer;

import static coop.sol.ledger.testing.LedgerFixture.key;
import static coop.sol.ledger.testing.LedgerFixture.sol;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.account.Balance;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.testing.LedgerFixture;
import coop.sol.ledger.testing.TestClock;
import coop.sol.ledger.transfer.TransferOutcome.Posted;
import coop.sol.ledger.transfer.TransferOutcome.Rejected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TransferWriterIT {
  static LedgerFixture fx;

  /** The writer's clock: moved, never waited for. */
  static final TestClock clock = new TestClock(Instant.parse("2030-06-01T09:00:00Z"));

  @BeforeAll
  static void start() {
    fx = LedgerFixture.create(WriterSettings.DEFAULTS, clock);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @AfterEach
  void invariantsHold() {
    fx.assertInvariants();
  }

  static Transfers transfers() {
    return fx.ledger.transfers();
  }

  static TransferOutcome execute(TransferCommand c) {
    return transfers().execute(fx.network.id(), c);
  }

  static TransferCommand payment(Account from, Account to, String amount) {
    return TransferCommand.posted(
        key(), from.strand(), from.id(), to.id(), sol(amount), TransferCode.PAYMENT);
  }

  static RejectionReason reason(TransferOutcome outcome) {
    assertThat(outcome).isInstanceOf(Rejected.class);
    return ((Rejected) outcome).reason();
  }

  static Transfer posted(TransferOutcome outcome) {
    assertThat(outcome).as("outcome").isInstanceOf(Posted.class);
    return ((Posted) outcome).transfer();
  }

  @Nested
  class SimpleTransfers {
    @Test
    void a_payment_moves_money_and_is_journaled() {
      Account alice = fx.aMember().withBalance("50.00");
      Account shop = fx.aMerchant().open();

      Transfer t =
          posted(
              execute(payment(alice, shop, "12.50").withReference("ticket 42").withMemo("pain")));

      assertThat(t.amount()).isEqualTo(1250);
      assertThat(t.kind()).isEqualTo(TransferKind.POSTED);
      assertThat(t.reference()).isEqualTo("ticket 42");
      assertThat(fx.balance(alice)).isEqualTo(new Balance(1250, 5000, 0, 0));
      assertThat(fx.balance(shop).posted()).isEqualTo(1250);
      assertThat(transfers().find(fx.network.id(), t.id())).contains(t);
    }

    @Test
    void paying_more_than_the_balance_is_refused_and_changes_nothing() {
      Account alice = fx.aMember().withBalance("10.00");
      Account shop = fx.aMerchant().open();

      assertThat(reason(execute(payment(alice, shop, "10.01"))))
          .isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
      assertThat(fx.balance(alice).posted()).isEqualTo(1000);
      assertThat(fx.balance(shop)).isEqualTo(Balance.ZERO);
      posted(execute(payment(alice, shop, "10.00")));
      assertThat(fx.balance(alice).posted()).isZero();
    }

    @Test
    void a_credit_limit_lets_an_account_go_that_far_below_zero_and_no_further() {
      Account shop = fx.aMerchant().withCreditLimit("20.00").open();
      Account other = fx.aMerchant().open();

      posted(execute(payment(shop, other, "20.00")));
      assertThat(fx.balance(shop).posted()).isEqualTo(-2000);
      assertThat(reason(execute(payment(shop, other, "0.01"))))
          .isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
    }

    @Test
    void accounts_must_exist_differ_and_share_the_strand() {
      Account alice = fx.aMember().withBalance("5.00");
      Account engagement = fx.aMember().in(StrandKind.ENGAGEMENT).withBalance("5.00");
      var nowhere = new coop.sol.ledger.account.AccountId(999_999_999L);

      assertThat(reason(execute(payment(alice, alice, "1.00"))))
          .isEqualTo(RejectionReason.SAME_ACCOUNT);
      assertThat(reason(execute(payment(alice, engagement, "1.00"))))
          .isEqualTo(RejectionReason.STRAND_MISMATCH);
      assertThat(
              reason(
                  execute(
                      TransferCommand.posted(
                          key(),
                          StrandKind.ENGAGEMENT,
                          alice.id(),
                          engagement.id(),
                          sol("1"),
                          TransferCode.PAYMENT))))
          .isEqualTo(RejectionReason.STRAND_MISMATCH);
      assertThat(
              reason(
                  execute(
                      TransferCommand.posted(
                          key(),
                          StrandKind.COOPERATION,
                          nowhere,
                          alice.id(),
                          sol("1"),
                          TransferCode.PAYMENT))))
          .isEqualTo(RejectionReason.DEBIT_ACCOUNT_NOT_FOUND);
      assertThat(
              reason(
                  execute(
                      TransferCommand.posted(
                          key(),
                          StrandKind.COOPERATION,
                          alice.id(),
                          nowhere,
                          sol("1"),
                          TransferCode.PAYMENT))))
          .isEqualTo(RejectionReason.CREDIT_ACCOUNT_NOT_FOUND);
    }

    @Test
    void accounts_of_another_network_are_not_found() {
      var other =
          fx.ledger.networks().create("other-" + System.nanoTime() % 100000, "Autre réseau");
      Account alice = fx.aMember().withBalance("5.00");
      Account stranger =
          fx.ledger
              .accounts()
              .open(
                  other.id(),
                  StrandKind.COOPERATION,
                  coop.sol.ledger.account.OwnerKind.MEMBER,
                  "x",
                  "x",
                  java.util.OptionalLong.of(0));

      assertThat(reason(execute(payment(alice, stranger, "1.00"))))
          .isEqualTo(RejectionReason.CREDIT_ACCOUNT_NOT_FOUND);
      assertThat(fx.ledger.accounts().findIn(List.of(fx.network.id()), stranger.id())).isEmpty();
    }

    @Test
    void frozen_and_closed_accounts_neither_pay_nor_receive() {
      Account alice = fx.aMember().withBalance("5.00");
      Account shop = fx.aMerchant().open();

      fx.ledger.accounts().setStatus(fx.network.id(), shop.id(), AccountStatus.FROZEN);
      assertThat(reason(execute(payment(alice, shop, "1.00"))))
          .isEqualTo(RejectionReason.CREDIT_ACCOUNT_FROZEN);
      fx.ledger.accounts().setStatus(fx.network.id(), alice.id(), AccountStatus.CLOSED);
      assertThat(reason(execute(payment(alice, shop, "1.00"))))
          .isEqualTo(RejectionReason.DEBIT_ACCOUNT_CLOSED);
      fx.ledger.accounts().setStatus(fx.network.id(), alice.id(), AccountStatus.FROZEN);
      assertThat(reason(execute(payment(alice, shop, "1.00"))))
          .isEqualTo(RejectionReason.DEBIT_ACCOUNT_FROZEN);
      fx.ledger.accounts().setStatus(fx.network.id(), alice.id(), AccountStatus.OPEN);
      fx.ledger.accounts().setStatus(fx.network.id(), shop.id(), AccountStatus.OPEN);
      posted(execute(payment(alice, shop, "1.00")));
    }

    @Test
    void a_balance_that_would_overflow_is_refused() {
      Account rich = fx.aMember().open();
      Account mint =
          fx.ledger
              .accounts()
              .open(
                  fx.network.id(),
                  StrandKind.COOPERATION,
                  coop.sol.ledger.account.OwnerKind.SYSTEM,
                  "mint",
                  "mint",
                  java.util.OptionalLong.empty());
      var huge = coop.sol.ledger.money.Amount.of(Long.MAX_VALUE - 10);
      posted(
          execute(
              TransferCommand.posted(
                  key(),
                  StrandKind.COOPERATION,
                  mint.id(),
                  rich.id(),
                  huge,
                  TransferCode.ISSUANCE)));
      assertThat(
              reason(
                  execute(
                      TransferCommand.posted(
                          key(),
                          StrandKind.COOPERATION,
                          mint.id(),
                          rich.id(),
                          coop.sol.ledger.money.Amount.of(11),
                          TransferCode.ISSUANCE))))
          .isEqualTo(RejectionReason.BALANCE_OVERFLOW);
      assertThat(fx.balance(rich).posted()).isEqualTo(Long.MAX_VALUE - 10);
      // give it back so the strand's other tests keep sane totals
      posted(
          execute(
              TransferCommand.posted(
                  key(),
                  StrandKind.COOPERATION,
                  rich.id(),
                  mint.id(),
                  huge,
                  TransferCode.CORRECTION)));
    }
  }

  @Nested
  class Idempotency {
    @Test
    void the_same_key_and_content_returns_the_original_transfer_once() {
      Account alice = fx.aMember().withBalance("50.00");
      Account shop = fx.aMerchant().open();
      TransferCommand pay = payment(alice, shop, "30.00");

      Transfer first = posted(execute(pay));
      TransferOutcome again = execute(pay);

      assertThat(again).isEqualTo(new Posted(first, true));
      assertThat(fx.balance(alice).posted()).isEqualTo(2000);
    }

    @Test
    void a_retry_is_answered_even_when_it_could_no_longer_be_posted() {
      Account alice = fx.aMember().withBalance("30.00");
      Account shop = fx.aMerchant().open();
      TransferCommand pay = payment(alice, shop, "30.00");

      Transfer first = posted(execute(pay));
      // alice has 0 left: deciding the retry afresh would say INSUFFICIENT_FUNDS
      assertThat(execute(pay)).isEqualTo(new Posted(first, true));
    }

    @Test
    void the_same_key_with_other_content_is_rejected_with_what_differs() {
      Account alice = fx.aMember().withBalance("50.00");
      Account shop = fx.aMerchant().open();
      Account other = fx.aMerchant().open();
      TransferCommand pay = payment(alice, shop, "5.00");
      posted(execute(pay));

      var k = pay.key();
      assertThat(
              reason(
                  execute(
                      TransferCommand.posted(
                          k,
                          StrandKind.COOPERATION,
                          alice.id(),
                          shop.id(),
                          sol("6.00"),
                          TransferCode.PAYMENT))))
          .isEqualTo(RejectionReason.EXISTS_WITH_DIFFERENT_AMOUNT);
      assertThat(
              reason(
                  execute(
                      TransferCommand.posted(
                          k,
                          StrandKind.COOPERATION,
                          alice.id(),
                          other.id(),
                          sol("5.00"),
                          TransferCode.PAYMENT))))
          .isEqualTo(RejectionReason.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT);
      assertThat(
              reason(
                  execute(
                      TransferCommand.posted(
                          k,
                          StrandKind.COOPERATION,
                          other.id(),
                          shop.id(),
                          sol("5.00"),
                          TransferCode.PAYMENT))))
          .isEqualTo(RejectionReason.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT);
      assertThat(reason(execute(pay.withMemo("autre"))))
          .isEqualTo(RejectionReason.EXISTS_WITH_DIFFERENT_FIELDS);
      assertThat(fx.balance(alice).posted()).isEqualTo(4500);
    }

    @Test
    void duplicates_submitted_together_post_once() {
      Account alice = fx.aMember().withBalance("50.00");
      Account shop = fx.aMerchant().open();
      TransferCommand pay = payment(alice, shop, "1.00");

      var futures =
          java.util.stream.IntStream.range(0, 50)
              .mapToObj(i -> transfers().submit(fx.network.id(), pay))
              .toList();
      var outcomes = futures.stream().map(java.util.concurrent.CompletableFuture::join).toList();

      assertThat(outcomes).allMatch(TransferOutcome::isPosted);
      assertThat(outcomes.stream().map(o -> ((Posted) o).transfer().id()).distinct()).hasSize(1);
      assertThat(outcomes.stream().filter(o -> !((Posted) o).replayed())).hasSize(1);
      assertThat(fx.balance(alice).posted()).isEqualTo(4900);
    }
  }

  @Nested
  class LinkedTransfers {
    @Test
    void all_are_posted_together() {
      Account alice = fx.aMember().withBalance("10.00");
      Account shop = fx.aMerchant().open();
      Account fund = fx.anAccount(coop.sol.ledger.account.OwnerKind.ASSOCIATION).open();

      var outcomes =
          transfers()
              .executeLinked(
                  fx.network.id(),
                  List.of(payment(alice, shop, "6.00"), payment(alice, fund, "4.00")));

      assertThat(outcomes).allMatch(TransferOutcome::isPosted);
      assertThat(fx.balance(alice).posted()).isZero();
    }

    @Test
    void or_none_is_posted() {
      Account alice = fx.aMember().withBalance("10.00");
      Account shop = fx.aMerchant().open();
      Account fund = fx.anAccount(coop.sol.ledger.account.OwnerKind.ASSOCIATION).open();

      var outcomes =
          transfers()
              .executeLinked(
                  fx.network.id(),
                  List.of(payment(alice, shop, "6.00"), payment(alice, fund, "4.01")));

      assertThat(outcomes)
          .containsExactly(
              new Rejected(RejectionReason.LINKED_TRANSFER_FAILED),
              new Rejected(RejectionReason.INSUFFICIENT_FUNDS));
      assertThat(fx.balance(alice)).isEqualTo(new Balance(0, 1000, 0, 0));
      assertThat(fx.balance(shop)).isEqualTo(Balance.ZERO);
    }

    @Test
    void a_key_twice_in_one_list_is_refused() {
      Account alice = fx.aMember().withBalance("10.00");
      Account shop = fx.aMerchant().open();
      TransferCommand pay = payment(alice, shop, "1.00");

      var outcomes = transfers().executeLinked(fx.network.id(), List.of(pay, pay));

      assertThat(outcomes)
          .containsExactly(
              new Rejected(RejectionReason.LINKED_TRANSFER_FAILED),
              new Rejected(RejectionReason.DUPLICATE_KEY_IN_REQUEST));
      assertThat(fx.balance(shop)).isEqualTo(Balance.ZERO);
    }
  }

  @Nested
  class TwoPhase {
    TransferCommand reserve(Account from, Account to, String amount, Duration timeout) {
      return TransferCommand.pending(
          key(), from.strand(), from.id(), to.id(), sol(amount), TransferCode.PAYMENT, timeout);
    }

    @Test
    void pending_reserves_funds_then_posts_for_less() {
      Account alice = fx.aMember().withBalance("20.00");
      Account shop = fx.aMerchant().open();

      Transfer pending = posted(execute(reserve(alice, shop, "15.00", null)));
      assertThat(fx.balance(alice)).isEqualTo(new Balance(0, 2000, 1500, 0));
      assertThat(fx.balance(alice).available()).isEqualTo(500);
      assertThat(reason(execute(payment(alice, shop, "5.01"))))
          .isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);

      Transfer post =
          posted(execute(TransferCommand.postPending(key(), pending.id(), sol("12.00"))));

      assertThat(post.kind()).isEqualTo(TransferKind.POST_PENDING);
      assertThat(post.pendingId()).contains(pending.id());
      assertThat(fx.balance(alice)).isEqualTo(new Balance(1200, 2000, 0, 0));
      assertThat(fx.balance(shop)).isEqualTo(new Balance(0, 1200, 0, 0));
      assertThat(reason(execute(TransferCommand.voidPending(key(), pending.id()))))
          .isEqualTo(RejectionReason.PENDING_TRANSFER_ALREADY_POSTED);
    }

    @Test
    void posting_more_than_reserved_is_refused_and_void_releases() {
      Account alice = fx.aMember().withBalance("20.00");
      Account shop = fx.aMerchant().open();
      Transfer pending = posted(execute(reserve(alice, shop, "15.00", null)));

      assertThat(reason(execute(TransferCommand.postPending(key(), pending.id(), sol("15.01")))))
          .isEqualTo(RejectionReason.EXCEEDS_PENDING_AMOUNT);
      posted(execute(TransferCommand.voidPending(key(), pending.id())));

      assertThat(fx.balance(alice)).isEqualTo(new Balance(0, 2000, 0, 0));
      assertThat(fx.balance(shop)).isEqualTo(Balance.ZERO);
      assertThat(reason(execute(TransferCommand.postPending(key(), pending.id(), null))))
          .isEqualTo(RejectionReason.PENDING_TRANSFER_ALREADY_VOIDED);
    }

    @Test
    void a_pending_transfer_expires_after_its_timeout() {
      Account alice = fx.aMember().withBalance("20.00");
      Account shop = fx.aMerchant().open();
      Transfer pending = posted(execute(reserve(alice, shop, "15.00", Duration.ofMillis(300))));
      assertThat(pending.expiresAt()).contains(pending.createdAt().plusMillis(300));

      assertThat(reason(execute(TransferCommand.expirePending(key(), pending.id()))))
          .isEqualTo(RejectionReason.PENDING_TRANSFER_NOT_EXPIRED);
      clock.advance(Duration.ofMillis(400));
      assertThat(reason(execute(TransferCommand.postPending(key(), pending.id(), null))))
          .isEqualTo(RejectionReason.PENDING_TRANSFER_EXPIRED);
      assertThat(transfers().expireDue(fx.network.id(), 100)).isEqualTo(1);
      assertThat(transfers().expireDue(fx.network.id(), 100)).isZero();

      assertThat(fx.balance(alice)).isEqualTo(new Balance(0, 2000, 0, 0));
      assertThat(reason(execute(TransferCommand.voidPending(key(), pending.id()))))
          .isEqualTo(RejectionReason.PENDING_TRANSFER_EXPIRED);
    }

    @Test
    void resolving_a_transfer_that_is_not_pending_is_refused() {
      Account alice = fx.aMember().withBalance("20.00");
      Account shop = fx.aMerchant().open();
      Transfer plain = posted(execute(payment(alice, shop, "1.00")));

      assertThat(reason(execute(TransferCommand.voidPending(key(), plain.id()))))
          .isEqualTo(RejectionReason.PENDING_TRANSFER_NOT_PENDING);
      assertThat(
              reason(
                  execute(TransferCommand.voidPending(key(), new TransferId(Long.MAX_VALUE - 1)))))
          .isEqualTo(RejectionReason.PENDING_TRANSFER_NOT_FOUND);
    }

    @Test
    void a_retried_post_returns_the_original_post() {
      Account alice = fx.aMember().withBalance("20.00");
      Account shop = fx.aMerchant().open();
      Transfer pending = posted(execute(reserve(alice, shop, "15.00", null)));
      TransferCommand post = TransferCommand.postPending(key(), pending.id(), null);

      Transfer first = posted(execute(post));

      assertThat(execute(post)).isEqualTo(new Posted(first, true));
      assertThat(fx.balance(shop).posted()).isEqualTo(1500);
    }
  }

  @Nested
  class Reversals {
    @Test
    void refunds_reverse_a_payment_up_to_its_amount() {
      Account alice = fx.aMember().withBalance("20.00");
      Account shop = fx.aMerchant().open();
      Transfer sale = posted(execute(payment(alice, shop, "10.00")));

      TransferCommand refund =
          TransferCommand.posted(
                  key(),
                  StrandKind.COOPERATION,
                  shop.id(),
                  alice.id(),
                  sol("6.00"),
                  TransferCode.REFUND)
              .reversing(sale.id());
      Transfer r = posted(execute(refund));
      assertThat(r.reverses()).contains(sale.id());

      assertThat(
              reason(
                  execute(
                      TransferCommand.posted(
                              key(),
                              StrandKind.COOPERATION,
                              shop.id(),
                              alice.id(),
                              sol("4.01"),
                              TransferCode.REFUND)
                          .reversing(sale.id()))))
          .isEqualTo(RejectionReason.REVERSAL_EXCEEDS_ORIGINAL);
      posted(
          execute(
              TransferCommand.posted(
                      key(),
                      StrandKind.COOPERATION,
                      shop.id(),
                      alice.id(),
                      sol("4.00"),
                      TransferCode.REFUND)
                  .reversing(sale.id())));
      assertThat(fx.balance(alice).posted()).isEqualTo(2000);
    }

    @Test
    void a_reversal_must_swap_the_original_accounts() {
      Account alice = fx.aMember().withBalance("20.00");
      Account shop = fx.aMerchant().withBalance("5.00");
      Account bob = fx.aMember().open();
      Transfer sale = posted(execute(payment(alice, shop, "10.00")));

      assertThat(
              reason(
                  execute(
                      TransferCommand.posted(
                              key(),
                              StrandKind.COOPERATION,
                              shop.id(),
                              bob.id(),
                              sol("1.00"),
                              TransferCode.REFUND)
                          .reversing(sale.id()))))
          .isEqualTo(RejectionReason.REVERSAL_ACCOUNTS_MISMATCH);
      assertThat(
              reason(
                  execute(
                      TransferCommand.posted(
                              key(),
                              StrandKind.COOPERATION,
                              shop.id(),
                              alice.id(),
                              sol("1.00"),
                              TransferCode.REFUND)
                          .reversing(new TransferId(Long.MAX_VALUE - 2)))))
          .isEqualTo(RejectionReason.REVERSED_TRANSFER_NOT_FOUND);
    }
  }

  @Nested
  class History {
    @Test
    void pages_newest_first_with_filters() {
      Account alice = fx.aMember().withBalance("100.00");
      Account shop = fx.aMerchant().open();
      for (int i = 1; i <= 5; i++) {
        posted(execute(payment(alice, shop, i + ".00")));
      }
      posted(
          execute(
              TransferCommand.posted(
                  key(),
                  StrandKind.COOPERATION,
                  shop.id(),
                  alice.id(),
                  sol("0.50"),
                  TransferCode.REWARD)));

      var page1 = transfers().history(fx.network.id(), alice.id(), HistoryQuery.latest(3));
      assertThat(page1).extracting(Transfer::amount).containsExactly(50L, 500L, 400L);
      var page2 =
          transfers()
              .history(
                  fx.network.id(),
                  alice.id(),
                  new HistoryQuery(page1.get(2).id(), null, null, Set.of(), 3));
      assertThat(page2).extracting(Transfer::amount).containsExactly(300L, 200L, 100L);
      var rewards =
          transfers()
              .history(
                  fx.network.id(),
                  alice.id(),
                  new HistoryQuery(null, null, null, Set.of(TransferCode.REWARD), 10));
      assertThat(rewards).hasSize(1);
      var future =
          transfers()
              .history(
                  fx.network.id(),
                  alice.id(),
                  new HistoryQuery(null, clock.instant().plusSeconds(60), null, Set.of(), 10));
      assertThat(future).isEmpty();
    }
  }

  @Test
  void the_writer_uses_the_injected_clock() {
    try (var fixed =
        LedgerFixture.create(
            WriterSettings.DEFAULTS,
            Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC))) {
      Account a = fixed.aMember().withBalance("1.00");
      var history =
          fixed.ledger.transfers().history(fixed.network.id(), a.id(), HistoryQuery.latest(1));
      assertThat(history.get(0).createdAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
      fixed.assertInvariants();
    }
  }
}
