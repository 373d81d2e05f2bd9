package coop.sol.ledger.correction;

import static coop.sol.ledger.testing.LedgerFixture.sol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.testing.OperationsFixture;
import coop.sol.ledger.testing.TestDatabase;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CorrectionIT {
  static OperationsFixture of;
  static Corrections corrections;
  static final Actor ANNE = Actor.of("anne");
  static final Actor BEN = Actor.of("ben");
  static final Actor CLARA = Actor.of("clara");

  @BeforeAll
  static void start() {
    of = OperationsFixture.create();
    corrections = of.ops.corrections();
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

  static Correction proposeReversal(Transfer wrong, String amount, Actor by) {
    return corrections
        .propose(
            of.network(),
            CorrectionProposal.reversal(wrong.id(), sol(amount), "paid the wrong shop"),
            by)
        .orElseThrow();
  }

  @Test
  void a_second_coordinator_approves_and_the_reversal_is_posted_with_who_and_why() {
    Account alice = of.aMember().withBalance("40.00");
    Account wrongShop = of.aMerchant().open();
    Transfer wrong = pay(alice, wrongShop, "40.00");

    Correction proposed = proposeReversal(wrong, "40.00", ANNE);
    assertThat(proposed.status()).isEqualTo(CorrectionStatus.PROPOSED);
    assertThat(proposed.debit()).isEqualTo(wrongShop.id());
    assertThat(proposed.credit()).isEqualTo(alice.id());
    assertThat(of.balance(alice)).as("nothing posted before approval").isZero();
    assertThat(corrections.awaitingApproval(of.network())).contains(proposed);

    of.clock.advance(java.time.Duration.ofHours(2));
    Correction approved = corrections.approve(of.network(), proposed.id(), BEN).orElseThrow();

    assertThat(approved.status()).isEqualTo(CorrectionStatus.POSTED);
    assertThat(approved.decidedBy()).contains(BEN);
    assertThat(approved.decidedAt()).contains(of.clock.instant());
    assertThat(approved.proposedBy()).isEqualTo(ANNE);
    Transfer t =
        of.fx
            .ledger
            .transfers()
            .find(of.network(), approved.transfer().orElseThrow())
            .orElseThrow();
    assertThat(t.code()).isEqualTo(TransferCode.CORRECTION);
    assertThat(t.reverses()).contains(wrong.id());
    assertThat(t.memo()).isEqualTo("paid the wrong shop");
    assertThat(t.reference()).isEqualTo("correction:" + proposed.id() + " approved-by:ben");
    assertThat(of.balance(alice)).isEqualTo(4_000);
    assertThat(corrections.awaitingApproval(of.network())).doesNotContain(proposed);
  }

  @Test
  void a_coordinator_cannot_approve_their_own_proposal() {
    Account bruno = of.aMember().withBalance("10.00");
    Account shop = of.aMerchant().open();
    Correction c = proposeReversal(pay(bruno, shop, "10.00"), "10.00", ANNE);

    assertThat(corrections.approve(of.network(), c.id(), ANNE))
        .isEqualTo(Outcome.refused(OperationReason.SELF_APPROVAL));
    assertThat(corrections.decline(of.network(), c.id(), ANNE))
        .isEqualTo(Outcome.refused(OperationReason.SELF_APPROVAL));
    assertThat(corrections.find(of.network(), c.id()).orElseThrow().status())
        .isEqualTo(CorrectionStatus.PROPOSED);
    assertThat(of.balance(bruno)).isZero();
    // the database refuses it too, should some other code try
    assertThatThrownBy(
            () ->
                TestDatabase.execute(
                    of.fx.dataSource,
                    "UPDATE correction SET status = 'DECLINED', decided_by = proposed_by,"
                        + " decided_at = now() WHERE correction_id = "
                        + c.id()))
        .hasMessageContaining("check constraint");
  }

  @Test
  void a_correction_is_decided_once() {
    Account chloe = of.aMember().withBalance("10.00");
    Account shop = of.aMerchant().open();
    Transfer payment = pay(chloe, shop, "10.00");
    Correction posted = proposeReversal(payment, "4.00", ANNE);
    Correction declined = proposeReversal(payment, "5.00", ANNE);
    Correction withdrawn = proposeReversal(payment, "6.00", BEN);

    corrections.approve(of.network(), posted.id(), BEN).orElseThrow();
    assertThat(corrections.decline(of.network(), declined.id(), CLARA).orElseThrow().status())
        .isEqualTo(CorrectionStatus.DECLINED);
    assertThat(corrections.withdraw(of.network(), withdrawn.id(), ANNE))
        .isEqualTo(Outcome.refused(OperationReason.NOT_THE_AUTHOR));
    assertThat(corrections.withdraw(of.network(), withdrawn.id(), BEN).orElseThrow().status())
        .isEqualTo(CorrectionStatus.WITHDRAWN);

    for (Correction c : new Correction[] {posted, declined, withdrawn}) {
      assertThat(corrections.approve(of.network(), c.id(), CLARA))
          .isEqualTo(Outcome.refused(OperationReason.CORRECTION_ALREADY_DECIDED));
    }
    assertThat(corrections.approve(of.network(), 999_999_999L, CLARA))
        .isEqualTo(Outcome.refused(OperationReason.CORRECTION_NOT_FOUND));
    assertThat(of.balance(chloe)).isEqualTo(400);
  }

  @Test
  void two_coordinators_approving_at_once_post_one_transfer() throws Exception {
    Account dan = of.aMember().withBalance("10.00");
    Account shop = of.aMerchant().open();
    Correction c = proposeReversal(pay(dan, shop, "10.00"), "10.00", ANNE);
    var pool = Executors.newFixedThreadPool(2);

    var byBen =
        CompletableFuture.supplyAsync(() -> corrections.approve(of.network(), c.id(), BEN), pool);
    var byClara =
        CompletableFuture.supplyAsync(() -> corrections.approve(of.network(), c.id(), CLARA), pool);
    var outcomes = java.util.List.of(byBen.get(), byClara.get());
    pool.shutdown();

    assertThat(outcomes.stream().filter(Outcome::isDone)).hasSize(1);
    assertThat(outcomes).contains(Outcome.refused(OperationReason.CORRECTION_ALREADY_DECIDED));
    assertThat(of.balance(dan)).isEqualTo(1_000);
  }

  @Test
  void a_new_transfer_can_be_proposed_between_accounts_of_one_strand() {
    Account fund =
        of.fx
            .ledger
            .accounts()
            .find(of.network(), of.system.fund(StrandKind.COOPERATION))
            .orElseThrow();
    Account eve = of.aMember().open();
    Account engagement = of.aMember().in(StrandKind.ENGAGEMENT).open();

    assertThat(
            corrections.propose(
                of.network(),
                CorrectionProposal.transfer(
                    StrandKind.COOPERATION, fund.id(), engagement.id(), sol("1"), "x"),
                ANNE))
        .isEqualTo(Outcome.refused(OperationReason.WRONG_STRAND));
    assertThat(
            corrections.propose(
                of.network(),
                CorrectionProposal.transfer(
                    StrandKind.COOPERATION, fund.id(), new AccountId(999_999_999L), sol("1"), "x"),
                ANNE))
        .isEqualTo(Outcome.refused(OperationReason.ACCOUNT_NOT_FOUND));
    assertThat(
            corrections.propose(
                of.network(),
                CorrectionProposal.reversal(
                    new coop.sol.ledger.transfer.TransferId(999_999_999L), sol("1"), "x"),
                ANNE))
        .isEqualTo(Outcome.refused(OperationReason.TRANSFER_NOT_FOUND));

    Correction c =
        corrections
            .propose(
                of.network(),
                CorrectionProposal.transfer(
                    StrandKind.COOPERATION,
                    of.system.issuance(StrandKind.COOPERATION),
                    eve.id(),
                    sol("12.00"),
                    "purchase lost by the office on 3 March"),
                ANNE)
            .orElseThrow();
    Correction posted = corrections.approve(of.network(), c.id(), BEN).orElseThrow();
    assertThat(posted.reverses()).isEmpty();
    assertThat(of.balance(eve)).isEqualTo(1_200);
  }

  @Test
  void a_correction_the_ledger_rejects_stays_proposed_until_it_can_post() {
    Account fred = of.aMember().withBalance("30.00");
    Account shop = of.aMerchant().open();
    Account supplier = of.aMerchant().open();
    Transfer payment = pay(fred, shop, "30.00");
    Correction tooMuch = proposeReversal(payment, "30.01", ANNE);
    Correction c = proposeReversal(payment, "30.00", ANNE);
    pay(shop, supplier, "25.00");

    assertThat(corrections.approve(of.network(), tooMuch.id(), BEN))
        .isEqualTo(Outcome.rejected(RejectionReason.REVERSAL_EXCEEDS_ORIGINAL));
    assertThat(corrections.approve(of.network(), c.id(), BEN))
        .isEqualTo(Outcome.rejected(RejectionReason.INSUFFICIENT_FUNDS));
    assertThat(corrections.find(of.network(), c.id()).orElseThrow().status())
        .isEqualTo(CorrectionStatus.PROPOSED);
    pay(supplier, shop, "25.00");
    assertThat(corrections.approve(of.network(), c.id(), BEN).isDone()).isTrue();
    assertThat(of.balance(fred)).isEqualTo(3_000);
  }

  @Test
  void an_approval_posted_but_not_recorded_is_recorded_from_the_journal_never_declined() {
    Account gina = of.aMember().withBalance("10.00");
    Account shop = of.aMerchant().open();
    Transfer payment = pay(gina, shop, "10.00");
    Correction c = proposeReversal(payment, "10.00", ANNE);
    // as if an approval by Ben posted its transfer and stopped before recording its decision
    var posted =
        of.fx
            .ledger
            .transfers()
            .execute(
                of.network(),
                TransferCommand.posted(
                        new IdempotencyKey("correction:" + c.id()),
                        StrandKind.COOPERATION,
                        shop.id(),
                        gina.id(),
                        sol("10.00"),
                        TransferCode.CORRECTION)
                    .withReference("correction:" + c.id() + " approved-by:ben")
                    .withMemo(c.reason())
                    .reversing(payment.id()));
    assertThat(posted.isPosted()).isTrue();

    assertThat(corrections.decline(of.network(), c.id(), CLARA))
        .isEqualTo(Outcome.refused(OperationReason.CORRECTION_ALREADY_DECIDED));
    Correction recorded = corrections.find(of.network(), c.id()).orElseThrow();
    assertThat(recorded.status()).isEqualTo(CorrectionStatus.POSTED);
    assertThat(recorded.decidedBy()).contains(BEN);
    assertThat(of.balance(gina)).isEqualTo(1_000);
  }
}
