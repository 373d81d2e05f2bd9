package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A coordinator's tools from pages: any account's history, transfers found by number, reference,
 * amount and day, the corrections and audit pages in words (no raw key, no raw action code,
 * labelled details with the reader's decimal mark), in French and English.
 */
@SolApplicationTest
class CoordinatorToolsIT {
  private final int port;
  private final Callers callers;

  @Autowired
  CoordinatorToolsIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
  }

  @Test
  void a_coordinator_finds_a_transfer_drills_into_an_account_and_reads_the_logs_in_words() {
    Network network = callers.newNetwork("outils");
    String coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    String member = callers.newUser("membre", Role.MEMBER, network, "100.00");
    String merchant = callers.newUser("boutique", Role.MERCHANT, network, null);
    long memberAccount =
        callers.account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION).id().value();
    long shop =
        callers.account(network, OwnerKind.MERCHANT, merchant, StrandKind.COOPERATION).id().value();
    Api.Response paid =
        callers
            .as(member)
            .post(
                "/api/v1/transfers",
                Api.json(
                    "debitAccountId",
                    memberAccount,
                    "creditAccountId",
                    shop,
                    "amount",
                    "42.00",
                    "reference",
                    "Facture 2026-117"))
            .header("Idempotency-Key", "outils-1")
            .send();
    assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
    long transfer = paid.json().get("id").asLong();
    Api.Response proposed =
        callers
            .as(coordinator)
            .post(
                "/api/v1/corrections",
                Api.json(
                    "reversesTransferId", transfer, "amount", "37.80", "reason", "4,20 tapé 42,00"))
            .send();
    assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);

    PageSession page = PageSession.logIn(port, callers, coordinator, true);
    for (String query :
        new String[] {
          "id=" + transfer, "reference=facture%202026", "amount=42", "amount=42,00&day=2030-01-01"
        }) {
      HttpResponse<String> found = page.get("/coordinator/transfers?" + query);
      assertThat(found.statusCode()).isEqualTo(200);
      if (query.contains("day=2030")) {
        assertThat(found.body()).doesNotContain("data-transfer-id=\"" + transfer + "\"");
      } else {
        assertThat(found.body()).as(query).contains("data-transfer-id=\"" + transfer + "\"");
      }
    }
    assertThat(page.get("/coordinator/transfers?id=abc").statusCode()).isEqualTo(400);
    assertThat(page.get("/coordinator/transfers?amount=beaucoup").statusCode()).isEqualTo(400);

    // the drill-down: the member's account, from the accounts' list
    assertThat(page.get("/coordinator/accounts").body())
        .contains("/coordinator/accounts/" + memberAccount + "\"");
    String history = page.get("/coordinator/accounts/" + memberAccount).body();
    assertThat(history).contains("data-transfer-id=\"" + transfer + "\"").contains("42,00");
    // each operation leads to the transfer search (the receipt is the two sides' only)
    assertThat(history).contains("href=\"/coordinator/transfers?id=" + transfer + "\"");
    // an account of another network is not found
    Network other = callers.newNetwork("ailleurs");
    String stranger = callers.newUser("autre", Role.MEMBER, other, null);
    long strangerAccount =
        callers.account(other, OwnerKind.MEMBER, stranger, StrandKind.COOPERATION).id().value();
    assertThat(page.get("/coordinator/accounts/" + strangerAccount).statusCode()).isEqualTo(404);

    // the corrections and the audit log in words, in both languages
    String corrections = page.get("/coordinator/corrections").body();
    assertThat(corrections).contains("37,80 (SOL Coopération)").doesNotContain("??");
    String audit = page.get("/coordinator/audit").body();
    assertThat(audit)
        .contains("Correction proposée")
        .contains("montant : 37,80")
        .contains("monnaie : SOL Coopération")
        .contains("état : proposée")
        .doesNotContain("??");
    String english = page.get("/coordinator/audit?lang=en").body();
    assertThat(english).contains("amount : 37.80").contains("status : proposed");
    assertThat(page.get("/coordinator/corrections").body()).doesNotContain("??");
  }
}
