package coop.sol.ledger.refund;

import static coop.sol.ledger.testing.LedgerFixture.key;
import static coop.sol.ledger.testing.LedgerFixture.sol;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.testing.OperationsFixture;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.ledger.transfer.TransferOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RefundIT {
  static OperationsFixture of;
  static Refunds refunds;

  @BeforeAll
  static void start() {
    of = OperationsFixture.create();
    refunds = of.ops.refunds();
  }

  @AfterAll
  static void stop() {
    of.close();
  }

  @AfterEach
  void invariantsHold() {
    of.assertInvariants();
  }

  static Transfer pay(Account from, Account to, String amount) {
    return ((TransferOutcome.Posted) of.fx.pay(from, to, amount)).transfer();
  }

  static Outcome<Refunded> refund(AccountId payee, Transfer payment, String amount) {
    return refunds.refund(RefundRequest.of(of.network(), key(), payee, payment.id(), sol(amount)));
  }

  @Test
  void a_full_refund_reverses_the_payment() {
    Account alice = of.aMember().withBalance("30.00");
    Account shop = of.aMerchant().open();
    Transfer payment = pay(alice, shop, "30.00");

    Refunded r = refund(shop.id(), payment, "30.00").orElseThrow();

    Transfer t = r.transfers().get(0);
    assertThat(t.code()).isEqualTo(TransferCode.REFUND);
    assertThat(t.reverses()).contains(payment.id());
    assertThat(t.debit()).isEqualTo(shop.id());
    assertThat(t.credit()).isEqualTo(alice.id());
    assertThat(of.balance(alice)).isEqualTo(3_000);
    assertThat(of.balance(shop)).isZero();
    assertThat(refunds.refundable(of.network(), payment.id()).orElseThrow()).isZero();
  }

  @Test
  void partial_refunds_add_up_to_the_payment_and_never_beyond() {
    Account bruno = of.aMember().withBalance("50.00");
    Account shop = of.aMerchant().withBalance("100.00");
    Transfer payment = pay(bruno, shop, "30.00");

    refund(shop.id(), payment, "10.00").orElseThrow();
    refund(shop.id(), payment, "15.00").orElseThrow();
    assertThat(refunds.refundable(of.network(), payment.id()).orElseThrow()).isEqualTo(500);
    assertThat(refund(shop.id(), payment, "5.01"))
        .isEqualTo(Outcome.rejected(RejectionReason.REVERSAL_EXCEEDS_ORIGINAL));
    refund(shop.id(), payment, "5.00").orElseThrow();
    assertThat(refund(shop.id(), payment, "0.01"))
        .isEqualTo(Outcome.rejected(RejectionReason.REVERSAL_EXCEEDS_ORIGINAL));
    assertThat(of.balance(bruno)).isEqualTo(5_000);
  }

  @Test
  void a_refund_above_the_payment_is_rejected_and_posts_nothing() {
    Account chloe = of.aMember().withBalance("20.00");
    Account shop = of.aMerchant().withBalance("100.00");
    Transfer payment = pay(chloe, shop, "20.00");

    assertThat(refund(shop.id(), payment, "20.01"))
        .isEqualTo(Outcome.rejected(RejectionReason.REVERSAL_EXCEEDS_ORIGINAL));
    assertThat(of.balance(shop)).isEqualTo(12_000);
    assertThat(of.balance(chloe)).isZero();
  }

  @Test
  void concurrent_refunds_never_exceed_the_payment() {
    Account dan = of.aMember().withBalance("50.00");
    Account shop = of.aMerchant().withBalance("100.00");
    Transfer payment = pay(dan, shop, "50.00");

    ExecutorService pool = Executors.newFixedThreadPool(12);
    var outcomes =
        IntStream.range(0, 12)
            .mapToObj(
                i -> CompletableFuture.supplyAsync(() -> refund(shop.id(), payment, "10.00"), pool))
            .toList()
            .stream()
            .map(CompletableFuture::join)
            .toList();
    pool.shutdown();

    assertThat(outcomes.stream().filter(Outcome::isDone)).hasSize(5);
    assertThat(outcomes.stream().filter(o -> !o.isDone()))
        .allMatch(o -> o.equals(Outcome.rejected(RejectionReason.REVERSAL_EXCEEDS_ORIGINAL)));
    assertThat(of.balance(dan)).isEqualTo(5_000);
  }

  @Test
  void only_the_payee_refunds_and_only_payments() {
    Account eve = of.aMember().withBalance("20.00");
    Account shop = of.aMerchant().withBalance("10.00");
    Account other = of.aMerchant().withBalance("10.00");
    Transfer payment = pay(eve, shop, "5.00");
    Transfer reward =
        ((TransferOutcome.Posted)
                of.fx
                    .ledger
                    .transfers()
                    .execute(
                        of.network(),
                        TransferCommand.posted(
                            key(),
                            shop.strand(),
                            shop.id(),
                            eve.id(),
                            sol("1"),
                            TransferCode.REWARD)))
            .transfer();

    assertThat(refund(other.id(), payment, "1.00"))
        .isEqualTo(Outcome.refused(OperationReason.NOT_THE_PAYEE));
    assertThat(refund(eve.id(), reward, "1.00"))
        .isEqualTo(Outcome.refused(OperationReason.TRANSFER_NOT_REFUNDABLE));
    assertThat(
            refunds.refund(
                RefundRequest.of(
                    of.network(), key(), shop.id(), new TransferId(999_999_999L), sol("1"))))
        .isEqualTo(Outcome.refused(OperationReason.PAYMENT_NOT_FOUND));
  }

  @Test
  void a_retry_refunds_once_and_a_reused_key_is_refused() {
    Account fred = of.aMember().withBalance("20.00");
    Account shop = of.aMerchant().open();
    Transfer payment = pay(fred, shop, "20.00");
    IdempotencyKey k = key();

    Refunded first =
        refunds
            .refund(RefundRequest.of(of.network(), k, shop.id(), payment.id(), sol("5")))
            .orElseThrow();
    Refunded again =
        refunds
            .refund(RefundRequest.of(of.network(), k, shop.id(), payment.id(), sol("5")))
            .orElseThrow();

    assertThat(again.replayed()).isTrue();
    assertThat(again.transfers()).isEqualTo(first.transfers());
    assertThat(refunds.refund(RefundRequest.of(of.network(), k, shop.id(), payment.id(), sol("6"))))
        .isEqualTo(Outcome.refused(OperationReason.KEY_REUSED_WITH_DIFFERENT_REQUEST));
    assertThat(of.balance(shop)).isEqualTo(1_500);
  }

  @Test
  void a_merchant_without_the_sol_cannot_refund() {
    Account gina = of.aMember().withBalance("20.00");
    Account shop = of.aMerchant().open();
    Account supplier = of.aMerchant().open();
    Transfer payment = pay(gina, shop, "20.00");
    pay(shop, supplier, "15.00");

    assertThat(refund(shop.id(), payment, "10.00"))
        .isEqualTo(Outcome.rejected(RejectionReason.INSUFFICIENT_FUNDS));
    assertThat(refund(shop.id(), payment, "5.00").isDone()).isTrue();
  }
}
