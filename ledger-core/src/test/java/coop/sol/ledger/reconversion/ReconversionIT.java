package coop.sol.ledger.reconversion;

import static coop.sol.ledger.testing.LedgerFixture.key;
import static coop.sol.ledger.testing.LedgerFixture.sol;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.exchange.ReserveStatement;
import coop.sol.ledger.exchange.SolPurchase;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.testing.OperationsFixture;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconversionIT {
  static OperationsFixture of;
  static Reconversions reconversions;

  @BeforeAll
  static void start() {
    of = OperationsFixture.create();
    reconversions = of.ops.reconversions();
    // the guarantee fund: 10,000 EUR bought at an office and banked
    var exchange = of.ops.exchange();
    exchange.openOffice(of.network(), "office", "Comptoir");
    Account buyer = of.aMember().open();
    exchange
        .buy(new SolPurchase(of.network(), key(), "office", buyer.id(), sol("10000.00")))
        .orElseThrow();
    exchange.bankTill(of.network(), key(), "office", sol("10000.00")).orElseThrow();
  }

  @AfterAll
  static void stop() {
    of.close();
  }

  @BeforeEach
  void defaultRates() {
    of.setRates("1", 0, 500);
  }

  @AfterEach
  void invariantsHold() {
    of.assertInvariants();
  }

  static Outcome<Reconverted> reconvert(Account account, String amount) {
    return reconversions.reconvert(
        new ReconversionRequest(of.network(), key(), account.id(), sol(amount)));
  }

  static ReserveStatement reserve() {
    return of.ops.exchange().reserve(of.network()).orElseThrow();
  }

  @Test
  void a_merchant_gets_euros_less_the_fee_which_goes_to_the_fund() {
    Account shop = of.aMerchant().withBalance("100.00");
    long fundBefore = of.balance(of.system.fund(StrandKind.COOPERATION));
    ReserveStatement before = reserve();

    Reconverted r = reconvert(shop, "100.00").orElseThrow();

    assertThat(r.quote().fee()).isEqualTo(500);
    assertThat(r.quote().net()).isEqualTo(9_500);
    assertThat(r.quote().euros()).isEqualTo(9_500);
    assertThat(r.transfers())
        .extracting(Transfer::code)
        .containsExactly(
            TransferCode.RECONVERSION,
            TransferCode.RECONVERSION_FEE,
            TransferCode.RESERVE_WITHDRAWAL);
    assertThat(r.transfers().get(0).credit()).isEqualTo(of.system.issuance(StrandKind.COOPERATION));
    assertThat(r.transfers().get(2).debit()).isEqualTo(of.system.euroReserve());
    assertThat(of.balance(shop)).isZero();
    assertThat(of.balance(of.system.fund(StrandKind.COOPERATION)) - fundBefore).isEqualTo(500);
    ReserveStatement after = reserve();
    assertThat(before.eurosBanked() - after.eurosBanked()).isEqualTo(9_500);
    // the fee stays in circulation (in the fund); the net leaves it
    assertThat(before.solInCirculation() - after.solInCirculation()).isEqualTo(9_500);
  }

  @Test
  void the_fee_is_rounded_up_and_the_euros_down() {
    Account shop = of.aMerchant().withBalance("100.00");

    // 5 % of 0.19 is 0.0095: the fund gets 0.01, the merchant 0.18
    ReconversionQuote tiny = reconvert(shop, "0.19").orElseThrow().quote();
    assertThat(tiny.fee()).isEqualTo(1);
    assertThat(tiny.euros()).isEqualTo(18);
    // exact: 5 % of 0.20 is 0.01
    assertThat(reconvert(shop, "0.20").orElseThrow().quote().fee()).isEqualTo(1);
    // 5 % of 10.01 is 0.5005 -> 0.51; 9.50 paid
    ReconversionQuote odd = reconvert(shop, "10.01").orElseThrow().quote();
    assertThat(odd.fee()).isEqualTo(51);
    assertThat(odd.euros()).isEqualTo(950);
    // at the historic rate 0.95 SOL are 0.095 EUR: 0.09 paid, the half cent stays in the reserve
    of.setRates("0.10", 0, 500);
    ReconversionQuote historic = reconvert(shop, "1.00").orElseThrow().quote();
    assertThat(historic.fee()).isEqualTo(5);
    assertThat(historic.euros()).isEqualTo(9);
    assertThat(reconversions.quote(of.network(), sol("1.00")).orElseThrow()).isEqualTo(historic);
  }

  @Test
  void what_rounds_to_no_euros_is_refused_and_a_zero_fee_posts_no_fee() {
    Account shop = of.aMerchant().withBalance("10.00");

    assertThat(reconvert(shop, "0.01")) // the fee takes the only cent
        .isEqualTo(Outcome.refused(OperationReason.AMOUNT_ROUNDS_TO_ZERO));
    of.setRates("0.10", 0, 0);
    assertThat(reconvert(shop, "0.09")) // 0.009 EUR
        .isEqualTo(Outcome.refused(OperationReason.AMOUNT_ROUNDS_TO_ZERO));
    Reconverted noFee = reconvert(shop, "0.10").orElseThrow();
    assertThat(noFee.transfers())
        .extracting(Transfer::code)
        .containsExactly(TransferCode.RECONVERSION, TransferCode.RESERVE_WITHDRAWAL);
    assertThat(of.balance(shop)).isEqualTo(990);
  }

  @Test
  void members_never_reconvert_and_no_other_strand_converts() {
    Account alice = of.aMember().withBalance("50.00");
    Account association = of.an(OwnerKind.ASSOCIATION).withBalance("50.00");
    Account engagement = of.aMerchant().in(StrandKind.ENGAGEMENT).withBalance("50.00");
    Account affecte = of.aMerchant().in(StrandKind.AFFECTE).withBalance("50.00");

    assertThat(reconvert(alice, "10.00"))
        .isEqualTo(Outcome.refused(OperationReason.ONLY_MERCHANTS_RECONVERT));
    assertThat(reconvert(association, "10.00"))
        .isEqualTo(Outcome.refused(OperationReason.ONLY_MERCHANTS_RECONVERT));
    assertThat(reconvert(engagement, "10.00"))
        .isEqualTo(Outcome.refused(OperationReason.STRAND_NOT_CONVERTIBLE));
    assertThat(reconvert(affecte, "10.00"))
        .isEqualTo(Outcome.refused(OperationReason.STRAND_NOT_CONVERTIBLE));
    assertThat(of.balance(alice)).isEqualTo(5_000);
    assertThat(of.balance(engagement)).isEqualTo(5_000);
  }

  @Test
  void a_reconversion_the_merchant_or_the_reserve_cannot_cover_posts_nothing() {
    Account shop = of.aMerchant().withBalance("10.00");
    assertThat(reconvert(shop, "10.01"))
        .isEqualTo(Outcome.rejected(RejectionReason.INSUFFICIENT_FUNDS));

    long banked = reserve().eurosBanked();
    // SOL issued without euros (the fixture's issuance): more than the reserve can pay
    Account rich = of.aMerchant().withBalance(coop.sol.ledger.money.Decimals.format(banked * 2, 2));
    long fundBefore = of.balance(of.system.fund(StrandKind.COOPERATION));
    assertThat(
            reconversions.reconvert(
                new ReconversionRequest(
                    of.network(), key(), rich.id(), coop.sol.ledger.money.Amount.of(banked * 2))))
        .isEqualTo(Outcome.refused(OperationReason.RESERVE_INSUFFICIENT));
    assertThat(of.balance(rich)).isEqualTo(banked * 2);
    assertThat(of.balance(of.system.fund(StrandKind.COOPERATION))).isEqualTo(fundBefore);
    assertThat(reserve().eurosBanked()).isEqualTo(banked);
  }

  @Test
  void a_retry_with_the_same_key_reconverts_once() {
    Account shop = of.aMerchant().withBalance("20.00");
    var request = new ReconversionRequest(of.network(), key(), shop.id(), sol("20.00"));

    Reconverted first = reconversions.reconvert(request).orElseThrow();
    Reconverted again = reconversions.reconvert(request).orElseThrow();

    assertThat(again.replayed()).isTrue();
    assertThat(again.transfers()).isEqualTo(first.transfers());
    assertThat(of.balance(shop)).isZero();
  }
}
