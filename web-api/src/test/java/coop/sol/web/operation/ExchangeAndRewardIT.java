package coop.sol.web.operation;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** Exchange offices, the reserve and rewards over HTTP, in a network of their own. */
@SolApplicationTest
class ExchangeAndRewardIT {
  private static final StrandKind COOP = StrandKind.COOPERATION;

  private final Callers callers;
  private final ApplicationContext context;
  private OperationsNetwork n;

  @Autowired
  ExchangeAndRewardIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.context = context;
  }

  @BeforeEach
  void aNetworkWithRates() {
    n = OperationsNetwork.of(callers, context, "change").withRates("1.00", 500, 500);
  }

  @AfterEach
  void theJournalVerifies() {
    n.assertJournalVerifies();
  }

  private Api.Response buy(String key, long account, String euros) {
    return n.as(n.agent)
        .post("/api/v1/exchange/purchases", Api.json("accountId", account, "euros", euros))
        .header("Idempotency-Key", key)
        .send();
  }

  private JsonNode reserve() {
    Api.Response response = n.as(n.coordinator).get("/api/v1/exchange/reserve").send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  @Test
  void an_office_sells_sol_with_its_bonus_idempotently_and_banks_its_till() {
    long member = n.accountId(OwnerKind.MEMBER, n.member, COOP);

    Api.Response sold = buy("achat-1", member, "60.00");
    assertThat(sold.status()).as(sold.toString()).isEqualTo(201);
    assertThat(sold.json().get("sol").asString()).isEqualTo("60.00");
    assertThat(sold.json().get("bonus").asString()).isEqualTo("3.00");
    assertThat(sold.json().get("transfers")).hasSize(3);
    assertThat(n.balance(OwnerKind.MEMBER, n.member, COOP)).isEqualTo("63.00");

    Api.Response again = buy("achat-1", member, "60.00");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json().get("transfers")).isEqualTo(sold.json().get("transfers"));
    assertThat(n.balance(OwnerKind.MEMBER, n.member, COOP)).isEqualTo("63.00");
    Api.Response otherBody = buy("achat-1", member, "70.00");
    assertThat(otherBody.status()).isEqualTo(409);
    assertThat(otherBody.code()).startsWith("EXISTS_WITH_DIFFERENT_");

    Api.Response engagement =
        buy("achat-2", n.accountId(OwnerKind.MEMBER, n.member, StrandKind.ENGAGEMENT), "10.00");
    assertThat(engagement.status()).isEqualTo(422);
    assertThat(engagement.code()).isEqualTo("WRONG_STRAND");
    Api.Response tooSmall =
        n.as(n.agent)
            .post("/api/v1/exchange/purchases", Api.json("accountId", member, "euros", "0"))
            .header("Idempotency-Key", "achat-3")
            .send();
    assertThat(tooSmall.code()).isEqualTo("INVALID_AMOUNT");

    JsonNode before = reserve();
    assertThat(before.get("solInCirculation").asString()).isEqualTo("63.00");
    assertThat(before.get("eurosInTills").asString()).isEqualTo("60.00");
    assertThat(before.get("eurosBanked").asString()).isEqualTo("0.00");
    assertThat(before.get("coverage").asString()).isEqualTo("0.9523");

    long till = n.accountId(OwnerKind.EXCHANGE_OFFICE, n.agent, StrandKind.EURO);
    Api.Response banked =
        n.as(n.agent)
            .post("/api/v1/exchange/offices/" + till + "/bank", Api.json("euros", "50.00"))
            .header("Idempotency-Key", "versement-1")
            .send();
    assertThat(banked.status()).as(banked.toString()).isEqualTo(201);
    Api.Response bankedAgain =
        n.as(n.agent)
            .post("/api/v1/exchange/offices/" + till + "/bank", Api.json("euros", "50.00"))
            .header("Idempotency-Key", "versement-1")
            .send();
    assertThat(bankedAgain.status()).isEqualTo(200);
    assertThat(bankedAgain.json().get("transfer")).isEqualTo(banked.json().get("transfer"));
    JsonNode after = reserve();
    assertThat(after.get("eurosBanked").asString()).isEqualTo("50.00");
    assertThat(after.get("eurosInTills").asString()).isEqualTo("10.00");
    assertThat(after.get("eurosHeld").asString()).isEqualTo("60.00");

    Api.Response overdrawn =
        n.as(n.agent)
            .post("/api/v1/exchange/offices/" + till + "/bank", Api.json("euros", "20.00"))
            .header("Idempotency-Key", "versement-2")
            .send();
    assertThat(overdrawn.status()).isEqualTo(422);
    assertThat(overdrawn.code()).isEqualTo("INSUFFICIENT_FUNDS");

    JsonNode audit = n.as(n.coordinator).get("/api/v1/audit").send().json().get("items");
    assertThat(audit.findValuesAsString("action")).containsOnlyOnce("EXCHANGE_TILL_BANKED");
  }

  @Test
  void concurrent_retries_of_one_purchase_issue_once() throws Exception {
    long member = n.accountId(OwnerKind.MEMBER, n.member, COOP);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Api.Response>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(() -> buy("achat-simultane", member, "20.00")));
      }
      Set<JsonNode> transfers = new HashSet<>();
      int created = 0;
      for (Future<Api.Response> answer : answers) {
        Api.Response response = answer.get();
        assertThat(response.status()).as(response.toString()).isIn(200, 201);
        created += response.status() == 201 ? 1 : 0;
        transfers.add(response.json().get("transfers"));
      }
      assertThat(created).isEqualTo(1);
      assertThat(transfers).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(n.balance(OwnerKind.MEMBER, n.member, COOP)).isEqualTo("21.00");
  }

  @Test
  void a_merchant_and_its_cashier_reward_members_at_the_merchants_rate() {
    n.withMerchantSettings(500);
    n.fund(OwnerKind.MERCHANT, n.merchant, COOP, "100.00");
    long member = n.accountId(OwnerKind.MEMBER, n.member, COOP);

    Api.Response byMerchant = reward(n.merchant, "r-1", member, "20.00");
    assertThat(byMerchant.status()).as(byMerchant.toString()).isEqualTo(201);
    assertThat(byMerchant.json().get("amount").asString()).isEqualTo("1.00");
    assertThat(byMerchant.json().get("ratePercent").asString()).isEqualTo("5.00");
    Api.Response byCashier = reward(n.cashier, "r-1", member, "12.34");
    assertThat(byCashier.status()).as(byCashier.toString()).isEqualTo(201);
    assertThat(byCashier.json().get("merchant").asString()).isEqualTo(n.merchant);
    assertThat(byCashier.json().get("amount").asString()).isEqualTo("0.61");
    assertThat(reward(n.cashier, "r-1", member, "12.34").status()).isEqualTo(200);
    assertThat(n.balance(OwnerKind.MEMBER, n.member, COOP)).isEqualTo("1.61");
    assertThat(n.balance(OwnerKind.MERCHANT, n.merchant, COOP)).isEqualTo("98.39");

    Api.Response rounds = reward(n.merchant, "r-2", member, "0.19");
    assertThat(rounds.status()).isEqualTo(422);
    assertThat(rounds.code()).isEqualTo("AMOUNT_ROUNDS_TO_ZERO");
    String noRate = callers.newUser("sans-taux", Role.MERCHANT, n.network, "10.00");
    Api.Response none = reward(noRate, "r-3", member, "10.00");
    assertThat(none.status()).isEqualTo(422);
    assertThat(none.code()).isEqualTo("NO_REWARD_RATE");
    Api.Response toAShop =
        reward(n.merchant, "r-4", n.accountId(OwnerKind.MERCHANT, noRate, COOP), "10.00");
    assertThat(toAShop.code()).isEqualTo("WRONG_OWNER_KIND");
    var elsewhere = OperationsNetwork.of(callers, context, "change-autre");
    Api.Response otherNetwork =
        reward(
            n.merchant,
            "r-5",
            elsewhere.accountId(OwnerKind.MEMBER, elsewhere.member, COOP),
            "10.00");
    assertThat(otherNetwork.status()).isEqualTo(422);
    assertThat(otherNetwork.code()).isEqualTo("ACCOUNT_NOT_FOUND");
  }

  private Api.Response reward(String who, String key, long member, String euros) {
    return n.as(who)
        .post("/api/v1/rewards", Api.json("memberAccountId", member, "eurosPaid", euros))
        .header("Idempotency-Key", key)
        .send();
  }
}
