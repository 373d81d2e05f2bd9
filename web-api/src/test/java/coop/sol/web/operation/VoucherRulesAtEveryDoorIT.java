package coop.sol.web.operation;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.MovableClock;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A funder's lot limited to FOOD pays a grocer and nobody else, and nothing once expired, through
 * every door that moves money: a transfer, a payment request (from the lot, or with vouchers), a
 * pay token issued on the lot, a voucher payment. (The pages and the till use these same doors;
 * their own tests pay through them.) Each refusal changes no balance.
 */
@SolApplicationTest
class VoucherRulesAtEveryDoorIT {
  private static final StrandKind AFFECTE = StrandKind.AFFECTE;

  private final Callers callers;
  private final ApplicationContext context;
  private final MovableClock clock;
  private OperationsNetwork n;
  private String bookshop;
  private long grocerAccount;
  private long bookshopAccount;
  private long lot;

  @Autowired
  VoucherRulesAtEveryDoorIT(
      @LocalServerPort int port, ApplicationContext context, MovableClock clock) {
    this.callers = Callers.of(port, context);
    this.context = context;
    this.clock = clock;
  }

  @BeforeEach
  void aFoodLotAGrocerAndABookshop() {
    n = OperationsNetwork.of(callers, context, "portes").withMerchantSettings(0);
    bookshop = callers.newUser("livres", Role.MERCHANT, n.network, null);
    n.open(OwnerKind.MERCHANT, bookshop, AFFECTE);
    n.operations
        .settings()
        .changeMerchantCategories(n.network.id(), bookshop, Set.of("BOOKS"), Actor.of("test"));
    n.fund(OwnerKind.FUNDER, n.funder, AFFECTE, "100.00");
    Api.Response granted =
        n.as(n.funder)
            .post(
                "/api/v1/vouchers/grants",
                Api.json(
                    "beneficiary",
                    n.member,
                    "amount",
                    "30.00",
                    "expiresAt",
                    Instant.now().plus(2, ChronoUnit.DAYS).toString(),
                    "categories",
                    List.of("FOOD"),
                    "label",
                    "Chèque alimentation"))
            .header("Idempotency-Key", "lot")
            .send();
    assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
    lot = granted.json().get("lot").get("accountId").asLong();
    grocerAccount = n.accountId(OwnerKind.MERCHANT, n.merchant, AFFECTE);
    bookshopAccount = n.accountId(OwnerKind.MERCHANT, bookshop, AFFECTE);
  }

  @AfterEach
  void timeAsItWasAndTheJournalVerifies() {
    clock.reset();
    n.assertJournalVerifies();
  }

  @Test
  void a_transfer_from_the_lot() {
    refused(transfer(lot, bookshopAccount, "t1"), "MERCHANT_CATEGORY_NOT_ALLOWED");
    refused(
        transfer(lot, n.accountId(OwnerKind.MERCHANT, n.merchant, StrandKind.COOPERATION), "t2"),
        "STRAND_MISMATCH");
    assertThat(transfer(lot, grocerAccount, "t3").status()).isEqualTo(201);
    clock.advance(Duration.ofDays(3));
    refused(transfer(lot, grocerAccount, "t4"), "VOUCHERS_EXPIRED");
    assertThat(lotBalance()).isEqualTo("29.00");
  }

  @Test
  void a_payment_request_paid_from_the_lot_or_with_vouchers() {
    String atBookshop = request(bookshop, bookshopAccount);
    refused(
        payRequest(atBookshop, Api.json("debitAccountId", lot), "r1"),
        "MERCHANT_CATEGORY_NOT_ALLOWED");
    refused(
        payRequest(atBookshop, Api.json("vouchers", true), "r2"), "MERCHANT_CATEGORY_NOT_ALLOWED");
    String atGrocer = request(n.merchant, grocerAccount);
    Api.Response paid = payRequest(atGrocer, Api.json("vouchers", true), "r3");
    assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
    assertThat(paid.json().get("debitAccountId").asLong()).isEqualTo(lot);
    clock.advance(Duration.ofDays(3));
    String late = request(n.merchant, grocerAccount);
    refused(payRequest(late, Api.json("debitAccountId", lot), "r4"), "VOUCHERS_EXPIRED");
    refused(payRequest(late, Api.json("vouchers", true), "r5"), "VOUCHERS_EXPIRED");
    assertThat(lotBalance()).isEqualTo("29.00");
  }

  @Test
  void a_pay_token_issued_on_the_lot() {
    Api.Response issued =
        n.as(n.member)
            .post("/api/v1/pay-tokens", Api.json("memberAccountId", lot, "cap", "5.00"))
            .send();
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    String code = issued.json().get("code").asString();

    refused(redeem(bookshop, code, bookshopAccount, "k1"), "MERCHANT_CATEGORY_NOT_ALLOWED");
    Api.Response charged = redeem(n.merchant, code, grocerAccount, "k2");
    assertThat(charged.status()).as(charged.toString()).isEqualTo(201);
    assertThat(lotBalance()).isEqualTo("29.00");
  }

  @Test
  void a_voucher_payment() {
    refused(voucherPayment(bookshopAccount, "v1"), "MERCHANT_CATEGORY_NOT_ALLOWED");
    assertThat(voucherPayment(grocerAccount, "v2").status()).isEqualTo(201);
    clock.advance(Duration.ofDays(3));
    refused(voucherPayment(grocerAccount, "v3"), "VOUCHERS_EXPIRED");
    assertThat(lotBalance()).isEqualTo("29.00");
  }

  private void refused(Api.Response response, String code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.code()).isEqualTo(code);
  }

  private String lotBalance() {
    JsonNode holdings = n.as(n.member).get("/api/v1/vouchers/holdings").send().json();
    return holdings.get(0).get("remaining").asString();
  }

  private Api.Response transfer(long from, long to, String key) {
    return n.as(n.member)
        .post(
            "/api/v1/transfers",
            Api.json("debitAccountId", from, "creditAccountId", to, "amount", "1.00"))
        .header("Idempotency-Key", key)
        .send();
  }

  private String request(String merchant, long account) {
    Api.Response created =
        n.as(merchant)
            .post(
                "/api/v1/payment-requests",
                Api.json("merchantAccountId", account, "amount", "1.00"))
            .send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private Api.Response payRequest(String id, String body, String key) {
    return n.as(n.member)
        .post("/api/v1/payment-requests/" + id + "/pay", body)
        .header("Idempotency-Key", key)
        .send();
  }

  private Api.Response redeem(String till, String code, long account, String key) {
    return n.as(till)
        .post(
            "/api/v1/pay-tokens/redeem",
            Api.json("code", code, "merchantAccountId", account, "amount", "1.00"))
        .header("Idempotency-Key", key)
        .send();
  }

  private Api.Response voucherPayment(long merchant, String key) {
    return n.as(n.member)
        .post(
            "/api/v1/vouchers/payments", Api.json("merchantAccountId", merchant, "amount", "1.00"))
        .header("Idempotency-Key", key)
        .send();
  }
}
