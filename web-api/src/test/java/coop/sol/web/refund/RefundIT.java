package coop.sol.web.refund;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.HistoryQuery;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Refunds: by the merchant paid, or their cashier within the limit the merchant set; never more
 * than the payment in total; audited; idempotent per key.
 */
@SolApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefundIT {
  private final Callers callers;
  private Network network;
  private String merchant;
  private String cashier;
  private String member;
  private long shop;
  private long payer;

  @Autowired
  RefundIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
  }

  @BeforeAll
  void aShopItsCashierAndAPayer() {
    network = callers.newNetwork("remb");
    merchant = callers.newUser("boutique", Role.MERCHANT, network, null);
    cashier = callers.newCashier("caisse", network, merchant);
    member = callers.newUser("membre", Role.MEMBER, network, "500.00");
    shop =
        callers.account(network, OwnerKind.MERCHANT, merchant, StrandKind.COOPERATION).id().value();
    payer = callers.account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION).id().value();
    long grant =
        callers.as(merchant).get("/api/v1/cashiers").send().json().get(0).get("id").asLong();
    Api.Response limit =
        callers
            .as(merchant)
            .put(
                "/api/v1/cashiers/" + grant + "/refund-limits/COOPERATION",
                Api.json("amount", "10.00"))
            .send();
    assertThat(limit.status()).isEqualTo(200);
  }

  @Test
  void refunds_never_exceed_the_payment_and_a_cashier_stays_within_their_limit() {
    long payment = pay("30.00");
    long before = balance(payer);

    Api.Response overLimit = refund(cashier, payment, "10.01", "r1");
    assertThat(overLimit.status()).isEqualTo(403);
    assertThat(overLimit.code()).isEqualTo("REFUND_LIMIT_EXCEEDED");
    // the refusal says the limit that applies
    assertThat(overLimit.json().get("limit").asString()).isEqualTo("10.00");
    Api.Response byCashier = refund(cashier, payment, "10.00", "r1");
    assertThat(byCashier.status()).as(byCashier.toString()).isEqualTo(201);
    assertThat(byCashier.json().get("code").asString()).isEqualTo("REFUND");
    assertThat(byCashier.json().get("reversesId").asLong()).isEqualTo(payment);
    assertThat(byCashier.json().get("debitAccountId").asLong()).isEqualTo(shop);
    assertThat(byCashier.json().get("creditAccountId").asLong()).isEqualTo(payer);
    Api.Response replay = refund(cashier, payment, "10.00", "r1");
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.json().get("id").asLong()).isEqualTo(byCashier.json().get("id").asLong());

    Api.Response tooMuch = refund(merchant, payment, "20.01", "r2");
    assertThat(tooMuch.status()).isEqualTo(422);
    assertThat(tooMuch.code()).isEqualTo("REVERSAL_EXCEEDS_ORIGINAL");
    Api.Response rest = refund(merchant, payment, "20.00", "r2");
    assertThat(rest.status()).isEqualTo(201);
    Api.Response nothingLeft = refund(merchant, payment, "0.01", "r3");
    assertThat(nothingLeft.code()).isEqualTo("REVERSAL_EXCEEDS_ORIGINAL");
    assertThat(balance(payer)).isEqualTo(before + 30_00);

    String coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    var audit = callers.as(coordinator).get("/api/v1/audit").send().json().get("items");
    assertThat(
            audit
                .valueStream()
                .map(e -> e.get("action").asString() + " " + e.get("actor").asString()))
        .contains("REFUND_ISSUED " + cashier, "REFUND_ISSUED " + merchant);
  }

  @Test
  void an_empty_amount_never_means_the_whole_sale() {
    long payment = pay("6.00");
    for (String blank : new String[] {"", "  "}) {
      Api.Response empty = refund(merchant, payment, blank, "empty");
      assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
      assertThat(empty.code()).isEqualTo("REFUND_AMOUNT_REQUIRED");
    }
    Api.Response part = refund(merchant, payment, "1.00", "empty");
    assertThat(part.status()).as(part.toString()).isEqualTo(201);
    assertThat(part.json().get("amount").asString()).isEqualTo("1.00");
  }

  @Test
  void a_whole_refund_by_default_and_only_of_payments_to_one_s_own_till() {
    long payment = pay("4.00");
    Api.Response whole =
        callers
            .as(merchant)
            .post("/api/v1/transfers/" + payment + "/refunds", Api.json("memo", "Article rendu"))
            .header("Idempotency-Key", "whole")
            .send();
    assertThat(whole.status()).isEqualTo(201);
    assertThat(whole.json().get("amount").asString()).isEqualTo("4.00");
    assertThat(whole.json().get("memo").asString()).isEqualTo("Article rendu");

    String otherMerchant = callers.newUser("autre", Role.MERCHANT, network, null);
    Api.Response notTheirs = refund(otherMerchant, pay("1.00"), "1.00", "x");
    assertThat(notTheirs.status()).isEqualTo(404);
    Api.Response byPayer = refund(member, payment, "1.00", "x");
    assertThat(byPayer.status()).isEqualTo(403);
    Api.Response refundOfRefund = refund(member, whole.json().get("id").asLong(), "1.00", "y");
    assertThat(refundOfRefund.status()).isEqualTo(403);
    // the merchant's own outgoing payment is not theirs to refund
    long outgoing =
        callers
            .as(merchant)
            .post(
                "/api/v1/transfers",
                Api.json("debitAccountId", shop, "creditAccountId", payer, "amount", "0.50"))
            .header("Idempotency-Key", "sortant")
            .send()
            .json()
            .get("id")
            .asLong();
    assertThat(refund(merchant, outgoing, "0.50", "z").status()).isEqualTo(404);
    // money issued to the shop was not a payment
    var shopAccount =
        callers.ledger().accounts().find(network.id(), new AccountId(shop)).orElseThrow();
    callers.fund(network, shopAccount, "1.00");
    long issuance =
        callers
            .ledger()
            .transfers()
            .history(network.id(), shopAccount.id(), HistoryQuery.latest(1))
            .get(0)
            .id()
            .value();
    Api.Response notAPayment = refund(merchant, issuance, "1.00", "issuance");
    assertThat(notAPayment.status()).isEqualTo(422);
    assertThat(notAPayment.code()).isEqualTo("TRANSFER_NOT_REFUNDABLE");
  }

  private long pay(String amount) {
    Api.Response paid =
        callers
            .as(member)
            .post(
                "/api/v1/transfers",
                Api.json("debitAccountId", payer, "creditAccountId", shop, "amount", amount))
            .header("Idempotency-Key", "paiement-" + System.nanoTime())
            .send();
    assertThat(paid.status()).isEqualTo(201);
    return paid.json().get("id").asLong();
  }

  private Api.Response refund(String who, long payment, String amount, String key) {
    return callers
        .as(who)
        .post("/api/v1/transfers/" + payment + "/refunds", Api.json("amount", amount))
        .header("Idempotency-Key", key)
        .send();
  }

  private long balance(long account) {
    return callers
        .ledger()
        .accounts()
        .find(network.id(), new AccountId(account))
        .orElseThrow()
        .balance()
        .posted();
  }
}
