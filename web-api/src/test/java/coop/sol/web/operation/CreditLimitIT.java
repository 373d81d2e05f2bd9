package coop.sol.web.operation;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A credit limit is cut at once but raised only once a second coordinator approves; the ledger lets
 * the account go below zero only as far as the limit in force.
 */
@SolApplicationTest
class CreditLimitIT {
  private final Callers callers;
  private final ApplicationContext context;
  private OperationsNetwork n;
  private long member;
  private long shop;

  @Autowired
  CreditLimitIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.context = context;
  }

  @BeforeEach
  void aMemberWithoutCredit() {
    n = OperationsNetwork.of(callers, context, "plafond");
    member = n.accountId(OwnerKind.MEMBER, n.member, StrandKind.COOPERATION);
    shop = n.accountId(OwnerKind.MERCHANT, n.merchant, StrandKind.COOPERATION);
  }

  @AfterEach
  void theJournalVerifies() {
    n.assertJournalVerifies();
  }

  @Test
  void a_raise_waits_for_a_second_coordinator_and_a_cut_applies_at_once() {
    Api.Response proposed = limit(n.coordinator, "50.00", "Avance de trésorerie");
    assertThat(proposed.status()).as(proposed.toString()).isEqualTo(202);
    assertThat(proposed.json().get("status").asString()).isEqualTo("PROPOSED");
    long change = proposed.json().get("id").asLong();
    assertThat(pay("30.00", "p1").code()).isEqualTo("INSUFFICIENT_FUNDS");
    assertThat(
            n.as(n.coordinator2)
                .get("/api/v1/credit-limit-changes")
                .send()
                .json()
                .get(0)
                .get("id")
                .asLong())
        .isEqualTo(change);

    Api.Response self = decide(n.coordinator, change, "approve");
    assertThat(self.status()).isEqualTo(409);
    assertThat(self.code()).isEqualTo("SELF_APPROVAL");
    Api.Response approved = decide(n.coordinator2, change, "approve");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.json().get("status").asString()).isEqualTo("APPLIED");
    assertThat(decide(n.coordinator2, change, "approve").code())
        .isEqualTo("CREDIT_LIMIT_CHANGE_ALREADY_DECIDED");

    assertThat(pay("30.00", "p2").status()).isEqualTo(201);
    assertThat(n.balance(OwnerKind.MEMBER, n.member, StrandKind.COOPERATION)).isEqualTo("-30.00");
    Api.Response tooLow = limit(n.coordinator, "10.00", "Réduction");
    assertThat(tooLow.status()).isEqualTo(422);
    assertThat(tooLow.code()).isEqualTo("CREDIT_LIMIT_IN_USE");
    Api.Response cut = limit(n.coordinator, "40.00", "Réduction");
    assertThat(cut.status()).as(cut.toString()).isEqualTo(200);
    assertThat(cut.json().get("status").asString()).isEqualTo("APPLIED");
    assertThat(pay("10.01", "p3").code()).isEqualTo("INSUFFICIENT_FUNDS");

    Api.Response again = limit(n.coordinator, "100.00", "Encore");
    Api.Response declined = decide(n.coordinator2, again.json().get("id").asLong(), "decline");
    assertThat(declined.json().get("status").asString()).isEqualTo("DECLINED");
    assertThat(n.account(OwnerKind.MEMBER, n.member, StrandKind.COOPERATION).creditLimit())
        .hasValue(4000);
    assertThat(n.as(n.coordinator).get("/api/v1/audit").send().body())
        .contains(
            "CREDIT_LIMIT_CHANGE_PROPOSED", "CREDIT_LIMIT_CHANGED", "CREDIT_LIMIT_CHANGE_DECLINED");
  }

  private Api.Response limit(String who, String amount, String reason) {
    return n.as(who)
        .post(
            "/api/v1/accounts/" + member + "/credit-limit",
            Api.json("creditLimit", amount, "reason", reason))
        .send();
  }

  private Api.Response decide(String who, long change, String decision) {
    return n.as(who).post("/api/v1/credit-limit-changes/" + change + "/" + decision, null).send();
  }

  private Api.Response pay(String amount, String key) {
    return n.as(n.member)
        .post(
            "/api/v1/transfers",
            Api.json("debitAccountId", member, "creditAccountId", shop, "amount", amount))
        .header("Idempotency-Key", key)
        .send();
  }
}
