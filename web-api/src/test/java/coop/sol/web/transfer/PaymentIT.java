package coop.sol.web.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Payments over HTTP, in a network of their own: idempotency (replays, concurrent replays, another
 * body with the same key), the ledger's refusals as problems, balances and history as clients read
 * them, and the metrics they leave.
 */
@SolApplicationTest
class PaymentIT {
  private final Callers callers;
  private Network network;
  private String payer;
  private String shop;
  private long payerAccount;
  private long shopAccount;

  @Autowired
  PaymentIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
  }

  @BeforeEach
  void aPayerAndAShop() {
    network = callers.newNetwork("paiements");
    payer = callers.newUser("payeur", Role.MEMBER, network, "100.00");
    shop = callers.newUser("boutique", Role.MERCHANT, network, null);
    payerAccount = account(OwnerKind.MEMBER, payer).id().value();
    shopAccount = account(OwnerKind.MERCHANT, shop).id().value();
  }

  private Account account(OwnerKind kind, String owner) {
    return callers.account(network, kind, owner, StrandKind.COOPERATION);
  }

  private Api.Response pay(String key, String amount) {
    return pay(payer, key, payerAccount, shopAccount, amount);
  }

  private Api.Response pay(String who, String key, long debit, long credit, String amount) {
    var call =
        callers
            .as(who)
            .post(
                "/api/v1/transfers",
                Api.json(
                    "debitAccountId", debit,
                    "creditAccountId", credit,
                    "amount", amount,
                    "memo", "Un café"));
    if (key != null) {
      call.header("Idempotency-Key", key);
    }
    return call.send();
  }

  private String posted(String owner, OwnerKind kind) {
    return callers
        .as(owner)
        .get("/api/v1/accounts/" + account(kind, owner).id().value())
        .send()
        .json()
        .get("balance")
        .get("posted")
        .asString();
  }

  @Test
  void a_payment_is_posted_once_and_its_replay_returns_the_same_transfer() {
    Api.Response first = pay("cafe-1", "12.50");
    Api.Response again = pay("cafe-1", "12.50");

    assertThat(first.status()).as("%s", first).isEqualTo(201);
    JsonNode transfer = first.json();
    assertThat(first.header("Location"))
        .isEqualTo("/api/v1/transfers/" + transfer.get("id").asLong());
    assertThat(transfer.get("amount").asString()).isEqualTo("12.50");
    assertThat(transfer.get("code").asString()).isEqualTo("PAYMENT");
    assertThat(transfer.get("strand").asString()).isEqualTo("COOPERATION");
    assertThat(transfer.get("memo").asString()).isEqualTo("Un café");
    assertThat(transfer.get("network").asString()).isEqualTo(network.code());
    assertThat(transfer.has("idempotencyKey")).isFalse();
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json()).isEqualTo(transfer);
    assertThat(posted(payer, OwnerKind.MEMBER)).isEqualTo("87.50");
    assertThat(posted(shop, OwnerKind.MERCHANT)).isEqualTo("12.50");
  }

  @Test
  void twenty_concurrent_requests_with_one_key_post_one_transfer() throws Exception {
    var pool = Executors.newFixedThreadPool(20);
    List<Callable<Api.Response>> requests = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      requests.add(() -> pay("rush-1", "3.00"));
    }
    List<Api.Response> responses = new ArrayList<>();
    try {
      for (Future<Api.Response> f : pool.invokeAll(requests)) {
        responses.add(f.get());
      }
    } finally {
      pool.shutdown();
    }

    Set<Long> ids = new HashSet<>();
    int created = 0;
    for (Api.Response response : responses) {
      assertThat(response.status()).as("%s", response).isIn(200, 201);
      created += response.status() == 201 ? 1 : 0;
      ids.add(response.json().get("id").asLong());
    }
    assertThat(created).isEqualTo(1);
    assertThat(ids).hasSize(1);
    assertThat(posted(payer, OwnerKind.MEMBER)).isEqualTo("97.00");
    var history =
        callers
            .as(payer)
            .get("/api/v1/accounts/" + payerAccount + "/transfers?code=PAYMENT")
            .send();
    assertThat(history.json().get("items")).hasSize(1);
  }

  @Test
  void the_same_key_with_another_payment_is_a_409_problem_and_changes_nothing() {
    assertThat(pay("k-1", "5.00").status()).isEqualTo(201);

    Api.Response otherAmount = pay("k-1", "6.00");
    assertThat(otherAmount.status()).isEqualTo(409);
    assertThat(otherAmount.code()).isEqualTo("EXISTS_WITH_DIFFERENT_AMOUNT");

    String bruno = callers.newUser("autre-boutique", Role.MERCHANT, network, null);
    long otherShop = account(OwnerKind.MERCHANT, bruno).id().value();
    Api.Response otherPayee = pay(payer, "k-1", payerAccount, otherShop, "5.00");
    assertThat(otherPayee.status()).isEqualTo(409);
    assertThat(otherPayee.code()).isEqualTo("EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT");

    assertThat(posted(payer, OwnerKind.MEMBER)).isEqualTo("95.00");
  }

  @Test
  void keys_belong_to_their_user_so_two_users_never_collide() {
    String other = callers.newUser("payeuse", Role.MEMBER, network, "10.00");
    long othersAccount = account(OwnerKind.MEMBER, other).id().value();

    Api.Response mine = pay(payer, "facture-42", payerAccount, shopAccount, "1.00");
    Api.Response hers = pay(other, "facture-42", othersAccount, shopAccount, "2.00");

    assertThat(mine.status()).isEqualTo(201);
    assertThat(hers.status()).isEqualTo(201);
    assertThat(hers.json().get("id").asLong()).isNotEqualTo(mine.json().get("id").asLong());
    assertThat(posted(shop, OwnerKind.MERCHANT)).isEqualTo("3.00");
  }

  @Test
  void the_idempotency_key_is_required_and_checked() {
    Api.Response missing = pay(null, "1.00");
    Api.Response withSpace = pay("a key", "1.00");
    Api.Response tooLong = pay("k".repeat(129), "1.00");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.code()).isEqualTo("IDEMPOTENCY_KEY_REQUIRED");
    assertThat(withSpace.code()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
    assertThat(tooLong.code()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
    assertThat(posted(payer, OwnerKind.MEMBER)).isEqualTo("100.00");
  }

  @Test
  void the_ledgers_refusals_are_problems_with_the_reason_as_code() {
    Api.Response tooMuch = pay("big", "100.01");
    assertThat(tooMuch.status()).isEqualTo(422);
    assertThat(tooMuch.code()).isEqualTo("INSUFFICIENT_FUNDS");

    Account engagement =
        callers
            .ledger()
            .accounts()
            .open(
                network.id(),
                StrandKind.ENGAGEMENT,
                OwnerKind.MERCHANT,
                shop,
                shop,
                OptionalLong.of(0));
    Api.Response acrossStrands = pay(payer, "strands", payerAccount, engagement.id().value(), "1");
    assertThat(acrossStrands.status()).isEqualTo(422);
    assertThat(acrossStrands.code()).isEqualTo("STRAND_MISMATCH");

    Api.Response toMyself = pay(payer, "self", payerAccount, payerAccount, "1");
    assertThat(toMyself.code()).isEqualTo("SAME_ACCOUNT");

    long issuance =
        callers
            .ledger()
            .accounts()
            .findByOwner(network.id(), OwnerKind.SYSTEM, "issuance")
            .get(0)
            .id()
            .value();
    Api.Response toTheSystem = pay(payer, "system", payerAccount, issuance, "1");
    assertThat(toTheSystem.status()).isEqualTo(422);
    assertThat(toTheSystem.code()).isEqualTo("CREDIT_ACCOUNT_NOT_PAYABLE");

    Api.Response toNowhere = pay(payer, "nowhere", payerAccount, 987_654_321L, "1");
    assertThat(toNowhere.code()).isEqualTo("CREDIT_ACCOUNT_NOT_FOUND");

    long demoAccount =
        callers
            .account(callers.demo(), OwnerKind.MERCHANT, "boulangerie", StrandKind.COOPERATION)
            .id()
            .value();
    Api.Response toAnotherNetwork = pay(payer, "elsewhere", payerAccount, demoAccount, "1");
    assertThat(toAnotherNetwork.code()).isEqualTo("CREDIT_ACCOUNT_NOT_FOUND");

    Api.Response fromTheShop = pay(payer, "theft", shopAccount, payerAccount, "1");
    assertThat(fromTheShop.status()).isEqualTo(422);
    assertThat(fromTheShop.code()).isEqualTo("DEBIT_ACCOUNT_NOT_FOUND");

    assertThat(posted(payer, OwnerKind.MEMBER)).isEqualTo("100.00");
  }

  @Test
  void a_coordinator_sees_an_account_but_may_not_debit_it() {
    String coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    String both = callers.newUser("double", Role.MEMBER, network, "5.00");
    callers
        .ledger()
        .accounts()
        .findByOwner(network.id(), OwnerKind.MEMBER, both)
        .forEach(a -> assertThat(a.balance().posted()).isEqualTo(500));

    assertThat(callers.as(coordinator).get("/api/v1/accounts/" + payerAccount).send().status())
        .isEqualTo(200);
    // a member may see only their own account, and debit it
    Api.Response notTheirs = pay(both, "not-mine", payerAccount, shopAccount, "1.00");
    assertThat(notTheirs.code()).isEqualTo("DEBIT_ACCOUNT_NOT_FOUND");
  }

  @Test
  void the_history_is_paged_newest_first_and_filtered() {
    for (int i = 1; i <= 5; i++) {
      assertThat(pay("h-" + i, i + ".00").status()).isEqualTo(201);
    }
    Api api = callers.as(payer);
    String path = "/api/v1/accounts/" + payerAccount + "/transfers";

    JsonNode first = api.get(path + "?limit=2").send().json();
    assertThat(first.get("items")).hasSize(2);
    assertThat(first.get("items").get(0).get("transfer").get("amount").asString())
        .isEqualTo("5.00");
    assertThat(first.get("items").get(0).get("direction").asString()).isEqualTo("DEBIT");
    assertThat(first.get("items").get(0).get("counterpartyAccountId").asLong())
        .isEqualTo(shopAccount);
    long cursor = first.get("nextBefore").asLong();
    JsonNode second = api.get(path + "?limit=2&before=" + cursor).send().json();
    assertThat(second.get("items").get(0).get("transfer").get("amount").asString())
        .isEqualTo("3.00");
    JsonNode last = api.get(path + "?limit=10&before=" + cursor).send().json();
    // 3.00, 2.00, 1.00 and the funding
    assertThat(last.get("items")).hasSize(4);
    assertThat(last.get("nextBefore").isNull()).isTrue();

    JsonNode payments = api.get(path + "?code=PAYMENT&code=REFUND").send().json();
    assertThat(payments.get("items")).hasSize(5);
    JsonNode issued = api.get(path + "?code=ISSUANCE").send().json();
    assertThat(issued.get("items")).hasSize(1);
    assertThat(issued.get("items").get(0).get("direction").asString()).isEqualTo("CREDIT");
    JsonNode future = api.get(path + "?from=2999-01-01T00:00:00Z").send().json();
    assertThat(future.get("items")).isEmpty();
    JsonNode past = api.get(path + "?to=2000-01-01T00:00:00Z").send().json();
    assertThat(past.get("items")).isEmpty();

    JsonNode listed = api.get(path + "?code=PAYMENT,%20REFUND").send().json();
    assertThat(listed.get("items")).hasSize(5);
    // empty numbers are no value: the default page, all five payments and the funding
    assertThat(api.get(path + "?limit=&before=").send().json().get("items")).hasSize(6);

    for (String bad :
        List.of(
            "?limit=0",
            "?limit=201",
            "?limit=1&limit=2",
            "?limit=%2B3",
            "?before=0",
            "?before=abc",
            "?before=%D9%A3",
            "?code=GIFT")) {
      Api.Response response = api.get(path + bad).send();
      assertThat(response.status()).as(bad).isEqualTo(400);
      assertThat(response.code()).as(bad).isEqualTo("INVALID_PARAMETER");
    }
    for (String bad :
        List.of("?from=yesterday", "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")) {
      Api.Response response = api.get(path + bad).send();
      assertThat(response.status()).as(bad).isEqualTo(400);
      assertThat(response.code()).as(bad).isEqualTo("INVALID_PERIOD");
    }
  }

  @Test
  void both_sides_see_the_transfer_and_the_shop_sees_its_balance() {
    long id = pay("visible", "4.20").json().get("id").asLong();

    assertThat(callers.as(payer).get("/api/v1/transfers/" + id).send().status()).isEqualTo(200);
    JsonNode seenByShop = callers.as(shop).get("/api/v1/transfers/" + id).send().json();
    assertThat(seenByShop.get("amount").asString()).isEqualTo("4.20");
    assertThat(seenByShop.get("hash").asString()).hasSize(64);
    // the shop sees the payer's account id in the transfer, but not the account
    assertThat(callers.as(shop).get("/api/v1/accounts/" + payerAccount).send().status())
        .isEqualTo(404);
    JsonNode me = callers.as(shop).get("/api/v1/me").send().json();
    assertThat(me.get("accounts").get(0).get("balance").get("available").asString())
        .isEqualTo("4.20");
    assertThat(me.get("roles").get(0).get("role").asString()).isEqualTo("MERCHANT");
  }

  @Test
  void posted_and_rejected_transfers_show_in_the_administrators_metrics() {
    pay("metric-ok", "1.00");
    pay("metric-ko", "1000.00");

    Api.Response metrics = callers.as("admin").get("/actuator/prometheus").send();

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("sol_transfers_posted_total")
        .contains("sol_transfers_rejected_total{reason=\"INSUFFICIENT_FUNDS\"}")
        .contains("sol_transfers_latency_seconds_count");
    assertThat(metrics.body())
        .containsPattern("sol_transfers_rejected_total\\{reason=\"INSUFFICIENT_FUNDS\"} [1-9]");
  }

  @Test
  void a_request_is_timed_once_not_once_per_security_filter() {
    pay("metric-http", "1.00");

    Api.Response metrics = callers.as("admin").get("/actuator/prometheus").send();

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("http_server_requests_seconds_count")
        .contains("sol_requests_in_flight")
        .doesNotContain("spring_security_")
        .as("no long task timer started and stopped around every request")
        .doesNotContain("http_server_requests_active");
  }
}
