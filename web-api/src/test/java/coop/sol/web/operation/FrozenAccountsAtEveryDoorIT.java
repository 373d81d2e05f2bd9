package coop.sol.web.operation;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A frozen account neither pays nor is paid, through every door that moves money — a transfer, a
 * payment request, a pay token at the till, a voucher payment, a reward — each refused with the
 * ledger's typed reason (DEBIT_ACCOUNT_FROZEN, CREDIT_ACCOUNT_FROZEN) and no balance changed; it
 * still receives a refund of what it paid and a correction two coordinators approved. It closes
 * only at zero, for good. (The pages and the till call these same services.)
 */
@SolApplicationTest
class FrozenAccountsAtEveryDoorIT {
  private static final StrandKind COOP = StrandKind.COOPERATION;

  private final Callers callers;
  private final ApplicationContext context;
  private OperationsNetwork n;
  private long member;
  private long shop;

  @Autowired
  FrozenAccountsAtEveryDoorIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.context = context;
  }

  @BeforeEach
  void aMemberAndAShop() {
    n = OperationsNetwork.of(callers, context, "gel").withRates("1.00", 0, 0);
    n.withMerchantSettings(500);
    n.fund(OwnerKind.MEMBER, n.member, COOP, "50.00");
    n.fund(OwnerKind.MERCHANT, n.merchant, COOP, "50.00");
    member = n.accountId(OwnerKind.MEMBER, n.member, COOP);
    shop = n.accountId(OwnerKind.MERCHANT, n.merchant, COOP);
  }

  @AfterEach
  void theJournalVerifies() {
    n.assertJournalVerifies();
  }

  @Test
  void a_frozen_payer_pays_through_no_door() {
    Api.Response paidBefore = transfer(member, shop, "before");
    assertThat(paidBefore.status()).as(paidBefore.toString()).isEqualTo(201);
    Api.Response frozen = freeze(n.coordinator, member, "Opposition signalée par l'adhérent");
    assertThat(frozen.status()).as(frozen.toString()).isEqualTo(200);
    assertThat(frozen.json().get("accounts").get(0).get("status").asString()).isEqualTo("FROZEN");
    assertThat(frozen.json().get("changes").get(0).get("reason").asString())
        .isEqualTo("Opposition signalée par l'adhérent");

    refused(transfer(member, shop, "t1"), "DEBIT_ACCOUNT_FROZEN");
    refused(payRequest(request(shop), member, "r1"), "DEBIT_ACCOUNT_FROZEN");
    refused(redeem(payToken(member), shop, "k1"), "DEBIT_ACCOUNT_FROZEN");
    assertThat(n.balance(OwnerKind.MEMBER, n.member, COOP)).isEqualTo("49.00");

    // frozen a second time: nothing changes, nothing more is recorded
    Api.Response again = freeze(n.coordinator, member, "encore");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("changes").size()).isZero();

    // still refunded what it paid: money goes back to where it came from
    Api.Response refunded =
        n.as(n.merchant)
            .post(
                "/api/v1/transfers/" + paidBefore.json().get("id").asLong() + "/refunds",
                Api.json("amount", "1.00"))
            .header("Idempotency-Key", "refund")
            .send();
    assertThat(refunded.status()).as(refunded.toString()).isEqualTo(201);
    assertThat(n.balance(OwnerKind.MEMBER, n.member, COOP)).isEqualTo("50.00");

    Api.Response unfrozen =
        n.as(n.coordinator2)
            .post("/api/v1/accounts/" + member + "/unfreeze", Api.json("reason", "Levée"))
            .send();
    assertThat(unfrozen.status()).as(unfrozen.toString()).isEqualTo(200);
    assertThat(transfer(member, shop, "t2").status()).isEqualTo(201);

    JsonNode history =
        n.as(n.coordinator).get("/api/v1/accounts/" + member + "/status-changes").send().json();
    assertThat(history.size()).isEqualTo(2);
    assertThat(history.get(0).get("to").asString()).isEqualTo("FROZEN");
    assertThat(history.get(0).get("by").asString()).isEqualTo(n.coordinator);
    assertThat(history.get(1).get("to").asString()).isEqualTo("OPEN");
    JsonNode audit = n.as(n.coordinator).get("/api/v1/audit").send().json();
    assertThat(audit.toString()).contains("ACCOUNT_FROZEN", "ACCOUNT_UNFROZEN");
  }

  @Test
  void a_frozen_payee_is_paid_through_no_door() {
    freeze(n.coordinator, shop, "Commerce fermé pour enquête");
    refused(transfer(member, shop, "t1"), "CREDIT_ACCOUNT_FROZEN");
    String requestId = request(shop);
    refused(payRequest(requestId, member, "r1"), "CREDIT_ACCOUNT_FROZEN");
    refused(redeem(payToken(member), shop, "k1"), "CREDIT_ACCOUNT_FROZEN");
    // and it gives no reward either: a reward debits the frozen shop
    Api.Response reward =
        n.as(n.merchant)
            .post("/api/v1/rewards", Api.json("memberAccountId", member, "eurosPaid", "10.00"))
            .header("Idempotency-Key", "reward")
            .send();
    refused(reward, "DEBIT_ACCOUNT_FROZEN");
    assertThat(n.balance(OwnerKind.MEMBER, n.member, COOP)).isEqualTo("50.00");
    assertThat(n.balance(OwnerKind.MERCHANT, n.merchant, COOP)).isEqualTo("50.00");
  }

  @Test
  void a_frozen_person_pays_nothing_with_vouchers_either() {
    n.fund(OwnerKind.FUNDER, n.funder, StrandKind.AFFECTE, "100.00");
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
    long grocer = n.accountId(OwnerKind.MERCHANT, n.merchant, StrandKind.AFFECTE);

    Api.Response person =
        n.as(n.coordinator)
            .post(
                "/api/v1/networks/" + n.network.id().value() + "/people/" + n.member + "/freeze",
                Api.json("reason", "Fraude présumée"))
            .send();
    assertThat(person.status()).as(person.toString()).isEqualTo(200);
    // COOPERATION, ENGAGEMENT, AFFECTE and the voucher lot
    assertThat(person.json().get("changes").size()).isEqualTo(4);

    refused(
        n.as(n.member)
            .post(
                "/api/v1/vouchers/payments",
                Api.json("merchantAccountId", grocer, "amount", "1.00"))
            .header("Idempotency-Key", "v1")
            .send(),
        "DEBIT_ACCOUNT_FROZEN");
    refused(transfer(member, shop, "t1"), "DEBIT_ACCOUNT_FROZEN");

    Api.Response unfrozen =
        n.as(n.coordinator)
            .post(
                "/api/v1/networks/" + n.network.id().value() + "/people/" + n.member + "/unfreeze",
                Api.json("reason", "Vérifié"))
            .send();
    assertThat(unfrozen.json().get("changes").size()).isEqualTo(4);
    Api.Response paid =
        n.as(n.member)
            .post(
                "/api/v1/vouchers/payments",
                Api.json("merchantAccountId", grocer, "amount", "1.00"))
            .header("Idempotency-Key", "v2")
            .send();
    assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
  }

  @Test
  void an_account_closes_at_zero_after_a_closing_transfer_two_coordinators_approved() {
    freeze(n.coordinator, member, "Départ de l'adhérent");
    Api.Response notEmpty =
        n.as(n.coordinator)
            .post("/api/v1/accounts/" + member + "/close", Api.json("reason", "Départ"))
            .send();
    assertThat(notEmpty.status()).as(notEmpty.toString()).isEqualTo(409);
    assertThat(notEmpty.code()).isEqualTo("ACCOUNT_NOT_EMPTY");

    // the closing transfer: proposed by one coordinator, approved by another, from a frozen account
    Api.Response proposed =
        n.as(n.coordinator)
            .post(
                "/api/v1/corrections",
                Api.json(
                    "strand",
                    "COOPERATION",
                    "debitAccountId",
                    member,
                    "creditAccountId",
                    shop,
                    "amount",
                    "50.00",
                    "reason",
                    "Clôture : solde versé au commerce désigné par l'adhérent"))
            .send();
    assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
    long correction = proposed.json().get("id").asLong();
    Api.Response self =
        n.as(n.coordinator).post("/api/v1/corrections/" + correction + "/approve", null).send();
    assertThat(self.code()).isEqualTo("SELF_APPROVAL");
    Api.Response approved =
        n.as(n.coordinator2).post("/api/v1/corrections/" + correction + "/approve", null).send();
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(n.balance(OwnerKind.MEMBER, n.member, COOP)).isEqualTo("0.00");

    Api.Response closed =
        n.as(n.coordinator)
            .post("/api/v1/accounts/" + member + "/close", Api.json("reason", "Départ"))
            .send();
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    assertThat(closed.json().get("accounts").get(0).get("status").asString()).isEqualTo("CLOSED");
    refused(transfer(shop, member, "t1"), "CREDIT_ACCOUNT_CLOSED");
    Api.Response reopen =
        n.as(n.coordinator)
            .post("/api/v1/accounts/" + member + "/unfreeze", Api.json("reason", "Retour"))
            .send();
    assertThat(reopen.status()).isEqualTo(409);
    assertThat(reopen.code()).isEqualTo("ACCOUNT_CLOSED");
  }

  @Test
  void only_the_networks_coordinators_change_a_status() {
    var elsewhere = OperationsNetwork.of(callers, context, "gel-autre");
    Api.Response other = freeze(elsewhere.coordinator, member, "x");
    assertThat(other.status()).isEqualTo(404);
    Api.Response self = freeze(n.member, member, "x");
    assertThat(self.status()).isEqualTo(403);
    Api.Response system =
        freeze(n.coordinator, n.accountId(OwnerKind.SYSTEM, "issuance", COOP), "x");
    assertThat(system.code()).isEqualTo("WRONG_OWNER_KIND");
    Api.Response noReason =
        n.as(n.coordinator)
            .post("/api/v1/accounts/" + member + "/freeze", Api.json("reason", ""))
            .send();
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(transfer(member, shop, "still-open").status()).isEqualTo(201);
  }

  private Api.Response freeze(String who, long account, String reason) {
    return n.as(who)
        .post("/api/v1/accounts/" + account + "/freeze", Api.json("reason", reason))
        .send();
  }

  private static void refused(Api.Response response, String code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.code()).isEqualTo(code);
  }

  private Api.Response transfer(long from, long to, String key) {
    String payer = from == member ? n.member : n.merchant;
    return n.as(payer)
        .post(
            "/api/v1/transfers",
            Api.json("debitAccountId", from, "creditAccountId", to, "amount", "1.00"))
        .header("Idempotency-Key", key)
        .send();
  }

  private String request(long account) {
    Api.Response created =
        n.as(n.merchant)
            .post(
                "/api/v1/payment-requests",
                Api.json("merchantAccountId", account, "amount", "1.00"))
            .send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private Api.Response payRequest(String id, long from, String key) {
    return n.as(n.member)
        .post("/api/v1/payment-requests/" + id + "/pay", Api.json("debitAccountId", from))
        .header("Idempotency-Key", key)
        .send();
  }

  private String payToken(long account) {
    Api.Response issued =
        n.as(n.member)
            .post("/api/v1/pay-tokens", Api.json("memberAccountId", account, "cap", "5.00"))
            .send();
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    return issued.json().get("code").asString();
  }

  private Api.Response redeem(String code, long account, String key) {
    return n.as(n.cashier)
        .post(
            "/api/v1/pay-tokens/redeem",
            Api.json("code", code, "merchantAccountId", account, "amount", "1.00"))
        .header("Idempotency-Key", key)
        .send();
  }
}
