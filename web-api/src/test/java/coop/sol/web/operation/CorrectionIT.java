package coop.sol.web.operation;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** Corrections under dual control over HTTP: propose, no self-approval, approve once, decline. */
@SolApplicationTest
class CorrectionIT {
  private static final StrandKind COOP = StrandKind.COOPERATION;

  private final Callers callers;
  private final ApplicationContext context;
  private OperationsNetwork n;
  private long wrongPayment;

  @Autowired
  CorrectionIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.context = context;
  }

  @BeforeEach
  void aMistakenPayment() {
    n = OperationsNetwork.of(callers, context, "corrections");
    n.fund(OwnerKind.MEMBER, n.member, COOP, "50.00");
    Api.Response paid =
        n.as(n.member)
            .post(
                "/api/v1/transfers",
                Api.json(
                    "debitAccountId",
                    n.accountId(OwnerKind.MEMBER, n.member, COOP),
                    "creditAccountId",
                    n.accountId(OwnerKind.MERCHANT, n.merchant, COOP),
                    "amount",
                    "42.00"))
            .header("Idempotency-Key", "erreur")
            .send();
    assertThat(paid.status()).isEqualTo(201);
    wrongPayment = paid.json().get("id").asLong();
  }

  @AfterEach
  void theJournalVerifies() {
    n.assertJournalVerifies();
  }

  private Api.Response proposeReversal(String who, long transfer, String amount) {
    return n.as(who)
        .post(
            "/api/v1/corrections",
            Api.json(
                "reversesTransferId",
                transfer,
                "amount",
                amount,
                "reason",
                "4.20 tapé 42.00 à la caisse"))
        .send();
  }

  private Api.Response decide(String who, long id, String decision) {
    return n.as(who).post("/api/v1/corrections/" + id + "/" + decision, null).send();
  }

  @Test
  void a_second_coordinator_approves_what_the_first_proposed_and_it_posts_once() {
    Api.Response proposed = proposeReversal(n.coordinator, wrongPayment, "37.80");
    assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
    long id = proposed.json().get("id").asLong();
    assertThat(proposed.header("Location")).isEqualTo("/api/v1/corrections/" + id);
    assertThat(proposed.json().get("status").asString()).isEqualTo("PROPOSED");
    assertThat(n.balance(OwnerKind.MEMBER, n.member, COOP)).isEqualTo("8.00");

    JsonNode waiting =
        n.as(n.coordinator2).get("/api/v1/corrections?status=PROPOSED").send().json();
    assertThat(waiting.findValuesAsString("reason")).containsExactly("4.20 tapé 42.00 à la caisse");

    Api.Response self = decide(n.coordinator, id, "approve");
    assertThat(self.status()).isEqualTo(409);
    assertThat(self.code()).isEqualTo("SELF_APPROVAL");
    assertThat(decide(n.coordinator, id, "decline").code()).isEqualTo("SELF_APPROVAL");
    assertThat(n.balance(OwnerKind.MEMBER, n.member, COOP)).isEqualTo("8.00");

    Api.Response approved = decide(n.coordinator2, id, "approve");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.json().get("status").asString()).isEqualTo("POSTED");
    assertThat(approved.json().get("decidedBy").asString()).isEqualTo(n.coordinator2);
    assertThat(n.balance(OwnerKind.MEMBER, n.member, COOP)).isEqualTo("45.80");
    var transfer =
        n.ledger()
            .transfers()
            .find(n.network.id(), new TransferId(approved.json().get("transferId").asLong()))
            .orElseThrow();
    assertThat(transfer.code().name()).isEqualTo("CORRECTION");
    assertThat(transfer.reverses()).contains(new TransferId(wrongPayment));

    Api.Response twice = decide(n.coordinator2, id, "approve");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.code()).isEqualTo("CORRECTION_ALREADY_DECIDED");
    assertThat(n.balance(OwnerKind.MEMBER, n.member, COOP)).isEqualTo("45.80");
    assertThat(
            n.as(n.coordinator)
                .get("/api/v1/corrections/" + id)
                .send()
                .json()
                .get("status")
                .asString())
        .isEqualTo("POSTED");

    JsonNode audit = n.as(n.coordinator).get("/api/v1/audit").send().json().get("items");
    assertThat(audit.findValuesAsString("action"))
        .contains("CORRECTION_PROPOSED", "CORRECTION_APPROVED");
  }

  @Test
  void declines_refusals_and_other_networks() {
    Api.Response transfer =
        n.as(n.coordinator)
            .post(
                "/api/v1/corrections",
                Api.json(
                    "strand",
                    "COOPERATION",
                    "debitAccountId",
                    n.accountId(OwnerKind.MERCHANT, n.merchant, COOP),
                    "creditAccountId",
                    n.accountId(OwnerKind.MEMBER, n.member, COOP),
                    "amount",
                    "1.00",
                    "reason",
                    "Geste commercial oublié"))
            .send();
    assertThat(transfer.status()).as(transfer.toString()).isEqualTo(201);
    long id = transfer.json().get("id").asLong();
    Api.Response declined = decide(n.coordinator2, id, "decline");
    assertThat(declined.status()).isEqualTo(200);
    assertThat(declined.json().get("status").asString()).isEqualTo("DECLINED");
    assertThat(decide(n.coordinator, id, "approve").code()).isEqualTo("CORRECTION_ALREADY_DECIDED");
    assertThat(n.balance(OwnerKind.MEMBER, n.member, COOP)).isEqualTo("8.00");

    // more than the payment: the ledger refuses it at approval, and the proposal stays open
    long tooMuch = proposeReversal(n.coordinator, wrongPayment, "42.01").json().get("id").asLong();
    Api.Response refused = decide(n.coordinator2, tooMuch, "approve");
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.code()).isEqualTo("REVERSAL_EXCEEDS_ORIGINAL");
    assertThat(
            n.as(n.coordinator)
                .get("/api/v1/corrections/" + tooMuch)
                .send()
                .json()
                .get("status")
                .asString())
        .isEqualTo("PROPOSED");
    assertThat(proposeReversal(n.coordinator, 987_654_321L, "1.00").code())
        .isEqualTo("TRANSFER_NOT_FOUND");
    assertThat(proposeReversal(n.member, wrongPayment, "1.00").status()).isEqualTo(403);
    Api.Response neither =
        n.as(n.coordinator)
            .post("/api/v1/corrections", Api.json("amount", "1.00", "reason", "?"))
            .send();
    assertThat(neither.code()).isEqualTo("VALIDATION_FAILED");

    var elsewhere = OperationsNetwork.of(callers, context, "corrections-autre");
    assertThat(proposeReversal(elsewhere.coordinator, wrongPayment, "1.00").code())
        .isEqualTo("TRANSFER_NOT_FOUND");
    long pending = proposeReversal(n.coordinator, wrongPayment, "1.00").json().get("id").asLong();
    assertThat(decide(elsewhere.coordinator, pending, "approve").status()).isEqualTo(404);
    assertThat(n.as(elsewhere.coordinator).get("/api/v1/corrections/" + pending).send().status())
        .isEqualTo(404);
    assertThat(n.balance(OwnerKind.MEMBER, n.member, COOP)).isEqualTo("8.00");
  }
}
